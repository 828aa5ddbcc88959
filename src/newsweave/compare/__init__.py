"""Story -> Story: quote families, fact alignment across outlets, timeline."""
