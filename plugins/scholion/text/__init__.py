"""Reading an extract: lines, page furniture, blocks, notes, anchors, the document model."""
