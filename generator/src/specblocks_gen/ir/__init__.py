"""The intermediate model between specs and emitters."""
