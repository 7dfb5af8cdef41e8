// purpose: full-text search over ICD-10-CM index entries (term path and column heading)
// params: none
// index: creates index_entry_text (full-text)
CREATE FULLTEXT INDEX index_entry_text IF NOT EXISTS FOR (e:IndexEntry) ON EACH [e.text]
