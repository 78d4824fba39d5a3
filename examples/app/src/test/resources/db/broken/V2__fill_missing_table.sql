INSERT INTO widgets (id, name) VALUES (1, 'first');
-- Fails: the table was never created.
INSERT INTO missing_table (id) VALUES (1);
