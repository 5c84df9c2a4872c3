"""Each check declares the parameters it reads, and reads them only through
`context.param`: the declaration the admin form is built from cannot drift from the code,
and every indicator of the default catalogue (the demo's) fits its check's declaration."""

import ast
from pathlib import Path

import pytest

from compliance import checks
from compliance.catalogue import DEFAULT_INDICATORS
from compliance.checks import REGISTRY, CheckContext, declared_params, load_checks, run_check
from compliance.checks.params import Kind, Param, ParamError, UndeclaredParam, errors
from compliance.fetch import INPROCESS, using_base
from compliance.models import CheckStatus, Indicator

pytestmark = pytest.mark.django_db

# Small bounds so that the crawl of the walk stays short.
WALK_PARAMS = {
    "broken_links": {"max_pages": 3, "time_limit": 10},
    "required_section": {"section": "B8", "app": "disclosure"},
}


class RecordingContext(CheckContext):
    """Remembers every parameter name the check asks for."""

    def param(self, name):
        self.read = [*getattr(self, "read", []), name]
        return super().param(name)


def test_every_check_reads_exactly_the_parameters_it_declares(commune):
    load_checks()
    assert len(REGISTRY) > 20
    with using_base(INPROCESS):
        for key, function in sorted(REGISTRY.items()):
            context = RecordingContext(tenant=commune, params=WALK_PARAMS.get(key, {}))
            # Called directly: an undeclared name raises here instead of becoming a result.
            function(context)
            declared = {param.name for param in function.params}
            assert set(getattr(context, "read", [])) == declared, key


def test_checks_never_read_the_raw_params():
    folder = Path(checks.__file__).parent
    for path in folder.glob("*.py"):
        if path.name == "params.py":
            continue
        tree = ast.parse(path.read_text())
        raw_reads = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr == "params"
            and isinstance(node.value, ast.Name)
            and node.value.id == "context"
        ]
        assert raw_reads == [], f"{path.name} reads context.params at lines {raw_reads}"


def test_an_undeclared_parameter_is_refused():
    context = CheckContext(tenant=None, params={"secret": 1})
    context.declared = {"days": Param("days", Kind.INT, "Số ngày", default=30)}
    with pytest.raises(UndeclaredParam):
        context.param("secret")


def test_values_are_typed_and_blank_ones_take_the_default():
    context = CheckContext(tenant=None, params={"days": "45", "paths": "", "ratio": "2,5"})
    context.declared = {
        "days": Param("days", Kind.INT, "Số ngày", default=30),
        "paths": Param("paths", Kind.PATHS, "Trang", default=["/"]),
        "ratio": Param("ratio", Kind.FLOAT, "Tỉ lệ", default=1.0),
        "start": Param("start", Kind.PATH, "Trang đầu", default="/"),
    }
    assert context.param("days") == 45
    assert context.param("paths") == ["/"]
    assert context.param("ratio") == 2.5
    assert context.param("start") == "/"


def test_a_stored_value_out_of_its_limits_is_named(commune):
    param = Param("days", Kind.INT, "Số ngày", default=30, min=1, max=366)
    with pytest.raises(ParamError, match="366"):
        param.coerce(1000)
    assert errors((param,), {"days": "ba mươi"}) == {"days": "Cần một số, nhận được “ba mươi”."}
    # A measurement with such a value reports the indicator as not measured, never a crash.
    result = run_check("visits_per_day", CheckContext(tenant=commune, params={"days": 0}))
    assert result.status == CheckStatus.NOT_MEASURED


def test_an_indicator_without_its_required_parameter_is_not_measured(commune):
    result = run_check("required_section", CheckContext(tenant=commune, params={"app": "content"}))
    assert result.status == CheckStatus.NOT_MEASURED
    assert "section" in result.evidence[0]["error"]


def test_the_default_catalogue_fits_the_checks_declarations():
    load_checks()
    stored = list(Indicator.objects.values("code", "check_key", "params"))
    assert stored, "the data migration loads the default catalogue"
    rows = [{"params": {}, **row} for row in DEFAULT_INDICATORS] + stored
    for row in rows:
        assert row["check_key"] in REGISTRY, row["code"]
        declared = declared_params(row["check_key"])
        assert errors(declared, row["params"]) == {}, row["code"]
        unknown = set(row["params"]) - {param.name for param in declared}
        assert unknown == set(), row["code"]
