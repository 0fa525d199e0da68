CREATE INDEX notes_created ON notes (created);
