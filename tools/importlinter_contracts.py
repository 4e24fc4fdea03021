"""A custom import-linter contract: domain packages meet only through their public modules.

``lint-imports`` runs from the repository root, which it puts on ``sys.path``, so
``[tool.importlinter] contract_types`` in pyproject.toml finds this module as
``tools.importlinter_contracts``. The built-in contract types cannot say "anything but these
submodules", hence this one.
"""

from __future__ import annotations

from dataclasses import dataclass

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


@dataclass(frozen=True, order=True)
class Crossing:
    """A direct import of another domain's internal module."""

    importer: str
    imported: str
    domain: str
    line_numbers: tuple[int, ...]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


class DomainBoundariesContract(Contract):
    """Outside a domain package, only its public modules are imported (directly).

    Options:
        - domains: the domain packages (e.g. ``server.projects``).
        - public_modules: the submodule names other code may import (``models``, ``services`` …);
          their descendants are public too. The domain package itself is not: it exports nothing.
        - exempt_importers: packages that may import any domain's internals (the wiring on top).
        - ignore_imports: import expressions to leave out, as in the built-in contracts.
    """

    type_name = "domain_boundaries"

    domains = fields.ListField(subfield=fields.StringField())
    public_modules = fields.SetField(subfield=fields.StringField())
    exempt_importers = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        domains: list[str] = self.domains  # type: ignore[assignment]
        public: set[str] = self.public_modules  # type: ignore[assignment]
        exempt: list[str] = self.exempt_importers or []  # type: ignore[assignment]
        for domain in domains:
            if domain not in graph.modules:
                raise ValueError(f"Domain package '{domain}' does not exist.")

        def domain_of(module: str) -> str | None:
            return next((d for d in domains if _within(module, d)), None)

        crossings = []
        for domain in domains:
            internals = {
                m
                for m in graph.find_descendants(domain) | {domain}
                if m == domain or m[len(domain) + 1 :].split(".")[0] not in public
            }
            for imported in internals:
                for importer in graph.find_modules_that_directly_import(imported):
                    if domain_of(importer) == domain or any(_within(importer, e) for e in exempt):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = tuple(sorted(d["line_number"] for d in details))
                    crossings.append(Crossing(importer, imported, domain, lines))
        output.verbose_print(verbose, f"Found {len(crossings)} imports of domain internals.")
        return ContractCheck(
            kept=not crossings,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"crossings": sorted(crossings)},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        public = ", ".join(sorted(self.public_modules))  # type: ignore[arg-type]
        for crossing in check.metadata["crossings"]:
            lines = ", ".join(f"l.{n}" for n in crossing.line_numbers)
            output.print_error(
                f"{crossing.importer} -> {crossing.imported} ({lines}): "
                f"an internal module of {crossing.domain}",
                bold=False,
            )
        output.new_line()
        output.print(
            f"Import what another domain offers from its public modules ({public}); "
            "expose what is missing through its services.py."
        )
