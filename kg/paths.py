"""Paths (shared): where the ontology files are, in a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

from kg.errors import GraphError

_PACKAGE_DIR = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The folder holding kg.ttl and shapes.ttl.

    In a source checkout that is the repository's `ontology/` next to the `kg`
    package; in an installed wheel the build copies it to `kg/_ontology`.

    Returns:
        An existing directory.

    Raises:
        GraphError: neither location exists (a broken install).
    """
    for candidate in (_PACKAGE_DIR.parent / "ontology", _PACKAGE_DIR / "_ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise GraphError(
        f"ontology files not found in {_PACKAGE_DIR.parent / 'ontology'} or {_PACKAGE_DIR / '_ontology'}; "
        "reinstall kg or run from the repository"
    )


def ontology_file() -> Path:
    """The ontology, `kg.ttl` (OWL/RDFS terms with en/ru/kk labels)."""
    return ontology_dir() / "kg.ttl"


def shapes_file() -> Path:
    """The SHACL shapes, `shapes.ttl`."""
    return ontology_dir() / "shapes.ttl"
