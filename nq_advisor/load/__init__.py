"""Reading and validating the knowledge base and input documents.

YAML with file:line for every node (``yamlsource``), item shapes (``shapes``), the rule language
(``conditions``, ``rule_parser``), the loaded model (``model``, ``loader``), domain scenarios and
input documents. The lowest stage: imports only ``nq_advisor.errors`` and ``nq_advisor.i18n``.
"""
