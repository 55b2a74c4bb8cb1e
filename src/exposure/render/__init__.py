"""Renderers: an :class:`~exposure.results.Assessment` to text. They only read results; they compute nothing."""
