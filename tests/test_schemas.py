"""Editor support: the JSON Schemas in schemas/ are generated from the models
and VS Code is told which folder uses which schema."""
from __future__ import annotations

import json

from conftest import ROOT
from handbok.__main__ import schema_documents


def test_committed_schemas_match_the_models():
    for name, schema in schema_documents().items():
        committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(schema)), f"run `make schemas`: {name} is out of date"


def test_schema_rejects_unknown_fields_and_describes_fields():
    toolbox = schema_documents()["toolbox.schema.json"]
    assert toolbox["additionalProperties"] is False
    assert "family" in toolbox["required"]
    assert "description" in toolbox["properties"]["footing"]


def test_vscode_maps_folders_to_schemas():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind in ("toolbox", "workflows", "roles", "sekretess", "guides", "examples", "forms"):
        # The core's folders, and the same folders inside a local edition.
        assert mapping[f"./schemas/{kind}.schema.json"] == [f"{kind}/*.yml", f"editions/*/{kind}/*.yml"]
    assert mapping["./schemas/glossary.schema.json"] == "glossary.yml"
    assert mapping["./schemas/edition.schema.json"] == "editions/*/edition.yml"
