// purpose: lets a superseded or failed release of an index find its entries
// params: none
// index: creates index_entry_rid (IndexEntry.rid)
CREATE INDEX index_entry_rid IF NOT EXISTS FOR (e:IndexEntry) ON (e.rid)
