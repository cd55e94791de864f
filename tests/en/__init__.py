"""English extraction tests (fictional and real actors)."""
