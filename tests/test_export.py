"""Every export format: validated (FollowTheMoney), parsed back (GEXF, GraphML, CSV) or round-tripped (JSON lines)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from claimgraph import query
from claimgraph.export import formats, get_exporter
from claimgraph.export.registry import ExportError, Options
from tests.test_store_samples import GRAPH_EDGES, GRAPH_NODES, TEXT_A, build_corpus, doc_id, sample_analyses


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    return query.connect(build_corpus(tmp_path / "corpus.db"))


def stream(conn, name: str) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    exporter = get_exporter(name)
    assert exporter.stream is not None
    exporter.stream(conn, out, Options())
    return out.getvalue()


def test_registry_knows_every_builtin_format() -> None:
    assert {"ftm", "gexf", "graphml", "csv", "jsonl"} <= set(formats())
    with pytest.raises(ExportError, match="unknown export format"):
        get_exporter("xlsx")


def test_jsonl_round_trips_the_analysis_json(conn) -> None:  # type: ignore[no-untyped-def]
    lines = [json.loads(line) for line in stream(conn, "jsonl").splitlines()]
    assert sorted(lines, key=lambda a: a["document"]["id"]) == sorted(
        (a.to_json() for a in sample_analyses()), key=lambda a: a["document"]["id"]
    )


def test_ftm_entities_are_valid_and_carry_provenance(conn) -> None:  # type: ignore[no-untyped-def]
    from followthemoney import model

    entities = [json.loads(line) for line in stream(conn, "ftm").splitlines()]
    ids = {e["id"] for e in entities}
    by_schema: dict[str, list[dict]] = {}
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(data)  # raises InvalidData on a bad or missing property
        assert model.get_proxy(proxy.to_dict()).to_dict() == proxy.to_dict()  # cleaning changes nothing
        for prop, values in proxy.properties.items():  # every reference points at an exported entity
            if proxy.schema.get(prop).type.name == "entity":
                assert set(values) <= ids, (proxy.schema.name, prop)
        by_schema.setdefault(proxy.schema.name, []).append(data)
    assert len(by_schema["Document"]) == 3
    assert len(by_schema["Payment"]) == 3 and len(by_schema["UnknownLink"]) == 3
    assert len(by_schema["Event"]) == 8
    iran = next(e for e in by_schema["PublicBody"] if e["properties"]["name"] == ["Iran"])
    assert iran["properties"]["alias"] == ["Tehran"]
    assert {e["properties"]["name"][0] for e in by_schema["Person"]} == {"John Smith", "Smith"}
    training = next(e for e in by_schema["UnknownLink"] if e["properties"]["role"] == ["training"])
    props = training["properties"]
    doc = next(d for d in by_schema["Document"] if d["properties"]["sourceUrl"][0].endswith(doc_id(TEXT_A)))
    assert props["proof"] == [doc["id"]]
    assert props["sourceUrl"] == [f"http://127.0.0.1:8000/doc/{doc_id(TEXT_A)}#claim-c2"]
    assert props["recordId"] == [f"{doc_id(TEXT_A)}#c2"]
    assert "Hezbollah trained Houthi fighters" in props["description"][0]
    assert "evidence: anonymous" in props["description"][0]
    for event in by_schema["Event"]:
        assert event["properties"]["proof"] and event["properties"]["sourceUrl"]


def test_gexf_and_graphml_parse_back_with_flow_attributes(conn) -> None:  # type: ignore[no-untyped-def]
    for name, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        g = reader(io.BytesIO(stream(conn, name).encode()))
        assert (g.number_of_nodes(), g.number_of_edges()) == (GRAPH_NODES, GRAPH_EDGES), name
        assert g.is_directed()
        edges = [d for _, _, d in g.edges(data=True)]
        assert {e["kind"] for e in edges} == {"weapons", "money", "training"}
        anon = next(e for e in edges if e["evidence"] == "anonymous")
        assert anon["claim"].startswith("According to a senior official") and anon["document"] == doc_id(TEXT_A)
        labels = {d.get("label") for _, d in g.nodes(data=True)}
        assert {"Iran", "Houthis", "Hezbollah", "Qatar", "Hamas"} == labels


def test_csv_tables_have_gephi_headers(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exporter = get_exporter("csv")
    assert exporter.to_dir is not None
    exporter.to_dir(conn, tmp_path / "csv", Options())
    read = {n: list(csv.DictReader((tmp_path / "csv" / f"{n}.csv").read_text(encoding="utf-8").splitlines()))
            for n in ("nodes", "edges", "claims")}
    assert list(read["nodes"][0])[:3] == ["Id", "Label", "Type"]
    assert {"Id", "Label", "Source", "Target", "Type"} <= set(read["edges"][0])
    assert len(read["nodes"]) == GRAPH_NODES and len(read["edges"]) == GRAPH_EDGES
    node_ids = {n["Id"] for n in read["nodes"]}
    assert all(e["Source"] in node_ids and e["Target"] in node_ids and e["Type"] == "Directed" for e in read["edges"])
    assert len(read["claims"]) == 8
    xss = next(c for c in read["claims"] if "onerror" in c["Quote"])
    assert xss["Evidence"] == "government" and xss["Document"]


def test_csv_tables_have_kumu_sheets(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exporter = get_exporter("csv")
    assert exporter.to_dir is not None
    exporter.to_dir(conn, tmp_path / "csv", Options(base_url="https://cg.example"))
    rows = {n: list(csv.reader((tmp_path / "csv" / f"kumu-{n}.csv").read_text(encoding="utf-8").splitlines()))
            for n in ("elements", "connections")}
    # Kumu: an ID column may come first, then Label (elements) or From, To (connections)
    assert rows["elements"][0][:3] == ["ID", "Label", "Type"]
    assert rows["connections"][0][:5] == ["ID", "From", "To", "Type", "Direction"]
    elements = [dict(zip(rows["elements"][0], r, strict=True)) for r in rows["elements"][1:]]
    connections = [dict(zip(rows["connections"][0], r, strict=True)) for r in rows["connections"][1:]]
    assert len(elements) == GRAPH_NODES and len(connections) == GRAPH_EDGES
    ids = {e["ID"] for e in elements}
    assert len(ids) == GRAPH_NODES and all(c["From"] in ids and c["To"] in ids for c in connections)
    assert len({c["ID"] for c in connections}) == GRAPH_EDGES  # parallel Iran -> Houthis flows stay apart
    assert {c["Type"] for c in connections} == {"weapons", "money", "training"}
    assert {c["Direction"] for c in connections} == {"directed"}
    iran = next(e for e in elements if e["Label"] == "Iran")
    assert iran["Type"] == "GPE" and iran["Aliases"] == "Tehran" and iran["Url"].startswith("https://cg.example/actor/")
    training = next(c for c in connections if c["Type"] == "training")
    assert training["Description"] == "According to a senior official who spoke on condition of anonymity, " \
        "Hezbollah trained Houthi fighters."
    assert training["Evidence"] == "anonymous"
    assert training["Url"] == f"https://cg.example/doc/{doc_id(TEXT_A)}#claim-c2"
    # Gephi's tables are unchanged next to them
    edges = list(csv.DictReader((tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8").splitlines()))
    assert {e["Type"] for e in edges} == {"Directed"} and {e["Id"] for e in edges} == {c["ID"] for c in connections}


@pytest.mark.model
def test_exports_mark_a_state_read_from_a_firm_it_owns(tmp_path: Path) -> None:
    from claimgraph.api import analyze
    from claimgraph.store import Writer

    db = tmp_path / "oil.db"
    text = "Oil trade\n\nVenezuela's state-run PDVSA sold crude oil to the Cuban government."
    with Writer(db) as w:
        w.write_analysis(analyze(text)).result()
    conn = query.connect(db)
    g = nx.read_graphml(io.BytesIO(stream(conn, "graphml").encode()))
    labels = dict(g.nodes(data="label"))
    marks = {(labels[s], labels[t], d["kind"]): (d["owner_end"], d["owned_firm"]) for s, t, d in g.edges(data=True)}
    assert marks[("Venezuela", "Cuba", "other")] == ("source", "PDVSA")
    assert marks[("PDVSA", "Cuba", "other")] == ("", "")
    ftm = [json.loads(line) for line in stream(conn, "ftm").splitlines()]
    notes = [d for e in ftm for d in e["properties"].get("description", []) if "a firm it owns" in d]
    assert notes and all("Venezuela stands for PDVSA" in n for n in notes)
