"""kg: a knowledge-graph builder for political news in Kazakh, Russian and English.

Articles in, an RDF graph of actors and their relations out, every triple
traceable to the sentence it came from. `kg.pipeline.build` chains the stages.
"""

__version__ = "0.1.0"
