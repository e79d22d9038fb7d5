// Package insights keeps what citizens asked, without personal data, so that
// staff learn what the knowledge base does not answer yet.
package insights
