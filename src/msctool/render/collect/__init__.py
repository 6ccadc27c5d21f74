"""``msc collect``'s outputs: request workbooks with their hidden identity, the
e-mails that carry them, and the status table in the partnership's language."""
