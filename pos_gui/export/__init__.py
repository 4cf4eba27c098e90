"""The DSFinV-K export: the tax office's archive of the till's receipts, closings and master data.

A layer beside ``pos_gui.fiscal`` (see ``docs/architecture.md``): it imports ``pos_gui.core`` only.
``model`` is what the export needs, ``dsfinvk_tables`` the spec's tables, ``dsfinvk_writer`` writes
the ZIP and ``checker`` reads one back. Turning the ledger's events into the model is the services'
job, so the export never depends on how the ledger stores a day.
"""
