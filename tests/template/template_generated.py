"""The generated files kept in template/, so that a project's checks pass right after copy.

A rendered project's generated files — the Python package from its specs, the reference pages,
the typed clients of its app — depend on the answers: the package name (in imports, and in the
order ruff sorts them next to ``specblocks``) and the chosen components. Copier runs no code
(the template has no tasks), so the template keeps them as Jinja: this module renders the
template once per combination of components and for a package name on either side of
``specblocks``, runs the generator in each rendering exactly as the project's
``nox -s generate`` does, and merges the results line by line into templates whose ``{% if %}``
blocks pick each variant's lines.

``python tests/template/template_generated.py`` rewrites them (``nox -s template -- --refresh``);
``--check`` only reports differences (``tests/template`` runs the same check).
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template"
#: The example custom components a project can start with (the `components` question).
COMPONENTS = ("rating", "meter")
#: Stand-in package names: one sorts before ``specblocks``, the other after it.
SENTINELS = {True: "aaqqsentinel", False: "zzqqsentinel"}
PACKAGE = "{{ package_name }}"
#: Where the generated files are: in a rendered project, and in template/.
PYTHON_OUT = ("src/{package}/_generated", "src/{{ package_name }}/_generated")
DOCS_OUT = ("docs/reference", "{% if include_docs %}docs{% endif %}/reference")
E2E_OUT = ("tests/e2e/generated", "tests/e2e/generated")
CLIENT_FILES = {
    "clients/python/app_client.py": "clients/python/app_client.py",
    "clients/python/test_app_contract.py": "clients/python/test_app_contract.py",
    "clients/ts/app.gen.ts": "clients/{% if include_ts_client %}ts{% endif %}/app.gen.ts",
}
#: The template version of the working tree, in a snapshot repository (see :func:`snapshot`).
FIRST_TAG = "v0.1.0"
#: A limit for any one command (a fresh virtual environment takes the longest).
TIMEOUT = 900
#: The commands the rendered project's ``nox -s generate`` runs (its noxfile is the source).
CLIENT_ARGS = ("client", "--app", "{package}.app:demo", "--name", "app")


@dataclass(frozen=True)
class Variant:
    """One rendering: the chosen components, and whether the package sorts before specblocks."""

    components: tuple[str, ...]
    before: bool

    @property
    def package(self) -> str:
        """The stand-in package name."""
        return SENTINELS[self.before]

    def holds(self, atom: str) -> bool:
        """Whether the condition ``atom`` (see :data:`ATOMS`) is true for this variant."""
        return self.before if atom == ORDER_ATOM else atom.split("'")[1] in self.components


ORDER_ATOM = 'package_name < "specblocks"'
ATOMS = (ORDER_ATOM, *(f"'{name}' in components" for name in COMPONENTS))


def variants() -> list[Variant]:
    """Every combination of components, each with a package before and after specblocks."""
    combos = [
        tuple(c for c, chosen in zip(COMPONENTS, flags, strict=True) if chosen)
        for flags in itertools.product((True, False), repeat=len(COMPONENTS))
    ]
    return [Variant(combo, before) for combo in combos for before in (True, False)]


# -- rendering and generating ---------------------------------------------------------------------
def run(
    args: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """Run a command; return it finished, output captured (stderr into stdout)."""
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=dict(env) if env is not None else clean_environ(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )


def clean_environ() -> dict[str, str]:
    """This process's environment without what would leak the test's own Python setup."""
    leaks = {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "NOX_DEFAULT_VENV_BACKEND"}
    env = {k: v for k, v in os.environ.items() if k not in leaks}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd``; return its output; fail the test on an error."""
    env = {
        **clean_environ(),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    done = run(["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args], cwd, env)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}"
    return done.stdout


def snapshot(dst: Path) -> Path:
    """A git repository at ``dst`` holding this working tree as it is, tagged :data:`FIRST_TAG`.

    Tracked and untracked files are copied (ignored ones are not), symlinks as symlinks.
    """
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    assert listed.returncode == 0, listed.stdout
    for rel in sorted(set(listed.stdout.split("\0")) - {""}):
        src = ROOT / rel
        if not src.is_symlink() and not src.exists():
            continue  # deleted in the working tree
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target, follow_symlinks=False)
    git("init", "--quiet", "--initial-branch=main", cwd=dst)
    commit_all(dst, "The framework and its template")
    git("tag", FIRST_TAG, cwd=dst)
    return dst


def commit_all(repo: Path, message: str) -> None:
    """Commit everything in ``repo``."""
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--no-verify", "-m", message, cwd=repo)


def render(src: Path, dst: Path, data: Mapping[str, object], vcs_ref: str = "HEAD") -> Path:
    """Render the template at ``src`` (a git checkout; at ``HEAD``, dirty changes included)."""
    import copier
    from copier.errors import DirtyLocalWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DirtyLocalWarning)  # the working tree is the point
        copier.run_copy(str(src), dst, data=dict(data), defaults=True, vcs_ref=vcs_ref, quiet=True)
    return dst


def render_variant(variant: Variant, template: Path, workdir: Path) -> Path:
    """Render ``template`` for ``variant`` (docs and TS client included) into ``workdir``."""
    project = workdir / f"{variant.package}-{'-'.join(variant.components) or 'none'}"
    data = {
        "project_name": "Sentinel",
        "package_name": variant.package,
        "components": list(variant.components),
        "include_docs": True,
        "include_ts_client": True,
        "framework_source": str(ROOT),
    }
    return render(template, project, data)


def generate_variant(variant: Variant, project: Path) -> dict[str, str]:
    """Generate in the rendered ``project``; its generated files, keyed by path in template/."""
    client = [arg.format(package=variant.package) for arg in CLIENT_ARGS]
    commands = [
        ["generate"],
        [*client, "--lang", "python", "--out", "clients/python"],
        [*client, "--lang", "ts", "--out", "clients/ts"],
    ]
    script = (
        "import sys\n"
        "from specblocks_gen.cli import main\n"
        f"sys.exit(max(main(command) for command in {commands!r}))\n"
    )
    env = {**clean_environ(), "PYTHONPATH": str(project / "src")}
    done = run([sys.executable, "-c", script], project, env)
    if done.returncode != 0:
        raise RuntimeError(f"generating {project.name} failed:\n{done.stdout}")
    files: dict[str, str] = {}
    for rendered, stored in (PYTHON_OUT, DOCS_OUT, E2E_OUT):
        folder = project / rendered.format(package=variant.package)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" not in path.parts:
                files[f"{stored}/{path.relative_to(folder).as_posix()}"] = _text(path, variant)
    for rendered, stored in CLIENT_FILES.items():
        files[stored] = _text(project / rendered, variant)
    return files


def _text(path: Path, variant: Variant) -> str:
    """The file's text as Jinja: Jinja syntax escaped, the stand-in package name a variable."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        raise ValueError(f"{path} does not end with a newline")
    return re.sub(r"\{(?=[{%#])", '{{ "{" }}', text).replace(variant.package, PACKAGE)


def generate_all(workdir: Path) -> dict[Variant, dict[str, str]]:
    """The generated files of every variant (renderings one by one, generators two at a time)."""
    every = variants()
    template = snapshot(workdir / "template")
    projects = [render_variant(v, template, workdir) for v in every]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(generate_variant, every, projects))
    return dict(zip(every, results, strict=True))


# -- merging variants into Jinja ------------------------------------------------------------------
def condition(chosen: Iterable[Variant], among: Sequence[Variant]) -> str | None:
    """The simplest condition over :data:`ATOMS` true for ``chosen`` and false for the rest.

    ``None`` when every variant in ``among`` is chosen (no condition needed).
    """
    wanted = frozenset(chosen)
    if wanted == frozenset(among):
        return None
    literals = [(atom, positive) for atom in ATOMS for positive in (True, False)]
    terms = [
        term
        for size in range(1, len(ATOMS) + 1)
        for term in itertools.combinations(literals, size)
        if len({atom for atom, _ in term}) == size
    ]

    def matches(term: tuple[tuple[str, bool], ...]) -> frozenset[Variant]:
        return frozenset(v for v in among if all(v.holds(a) == p for a, p in term))

    for count in range(1, 4):
        for chosen_terms in itertools.combinations(terms, count):
            if frozenset().union(*(matches(t) for t in chosen_terms)) == wanted:
                return " or ".join(_term(t, parenthesise=count > 1) for t in chosen_terms)
    minterms = [tuple((atom, v.holds(atom)) for atom in ATOMS) for v in among if v in wanted]
    return " or ".join(_term(t, parenthesise=True) for t in dict.fromkeys(minterms))


def _term(term: tuple[tuple[str, bool], ...], *, parenthesise: bool) -> str:
    text = " and ".join(_literal(atom, positive) for atom, positive in term)
    return f"({text})" if parenthesise and len(term) > 1 else text


def _literal(atom: str, positive: bool) -> str:
    if positive:
        return atom
    if atom == ORDER_ATOM:
        return "not " + atom
    return atom.replace(" in ", " not in ")


def merge(texts: Mapping[Variant, str]) -> str:
    """One Jinja template that renders to ``texts[v]`` for each variant ``v``.

    Lines all variants share are kept as they are; each region where they differ becomes an
    ``{% if %}`` block with one branch per distinct text of that region.
    """
    among = list(texts)
    ref_lines = texts[among[0]].splitlines(keepends=True)
    opcodes = {
        v: difflib.SequenceMatcher(
            None, ref_lines, texts[v].splitlines(keepends=True), False
        ).get_opcodes()
        for v in among
    }
    regions = _regions(
        [
            (i1, i2) if i1 < i2 else ((i1, i1 + 1) if i1 < len(ref_lines) else (i1 - 1, i1))
            for ops in opcodes.values()
            for tag, i1, i2, _, _ in ops
            if tag != "equal"
        ]
    )
    out: list[str] = []
    position = 0
    for start, end in regions:
        out.extend(ref_lines[position:start])
        branches: dict[str, list[Variant]] = {}
        for v in among:
            lines = texts[v].splitlines(keepends=True)
            last = len(lines) if end == len(ref_lines) else _at(opcodes[v], end)
            chunk = "".join(lines[_at(opcodes[v], start) : last])
            branches.setdefault(chunk, []).append(v)
        out.extend(_if_block(branches, among))
        position = end
    out.extend(ref_lines[position:])
    return "".join(out)


def _regions(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` merged where they overlap or touch, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _at(opcodes: list[tuple[str, int, int, int, int]], index: int) -> int:
    """The line of the other text that line ``index`` of the reference corresponds to."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and i1 <= index <= i2:
            return j1 + index - i1
        if index == i1:
            return j1
        if index == i2:
            return j2
    raise ValueError(f"line {index} is inside a change")


def _if_block(branches: Mapping[str, list[Variant]], among: Sequence[Variant]) -> list[str]:
    """``{% if %}…{% elif %}…{% else %}…{% endif %}`` lines choosing each branch's text."""
    if len(branches) == 1:
        return [next(iter(branches))]
    out: list[str] = []
    # An empty branch goes last, where it needs no {% else %}.
    items = sorted(branches.items(), key=lambda item: not item[0])
    for index, (chunk, chosen) in enumerate(items):
        if index == len(items) - 1:
            if chunk:
                out.append("{% else %}\n")
        else:
            test = condition(chosen, among)
            out.append(f"{{% {'if' if index == 0 else 'elif'} {test} %}}\n")
        out.append(chunk)
    out.append("{% endif %}\n")
    return out


def stored_files(generated: Mapping[Variant, Mapping[str, str]]) -> dict[str, str]:
    """The files to keep in template/: ``{path relative to template/: text}``."""
    every = list(generated)
    paths = sorted({path for files in generated.values() for path in files})
    out: dict[str, str] = {}
    for path in paths:
        present = [v for v in every if path in generated[v]]
        merged = merge({v: generated[v][path] for v in present})
        out[_conditional_path(path, generated) + ".jinja"] = merged
    return out


def _conditional_path(path: str, generated: Mapping[Variant, Mapping[str, str]]) -> str:
    """``path`` with an ``{% if %}`` on each folder (or the name) that fewer variants have."""
    names = path.split("/")
    parts = list(names)
    outer = list(generated)
    for depth in range(1, len(names) + 1):
        prefix = "/".join(names[:depth])
        having = [
            v for v in outer if any(f == prefix or f.startswith(prefix + "/") for f in generated[v])
        ]
        test = condition(having, outer)
        if test is not None:
            parts[depth - 1] = f"{{% if {test} %}}{parts[depth - 1]}{{% endif %}}"
        outer = having
    return "/".join(parts)


# -- the stored files ------------------------------------------------------------------------------
def owned(path: str) -> bool:
    """Whether ``path`` (relative to template/) is one of the files this module writes."""
    bare = re.sub(r"\{% if [^%]* %\}|\{% endif %\}", "", path)
    return any(
        bare.startswith(_bare(out) + "/") for _, out in (PYTHON_OUT, DOCS_OUT, E2E_OUT)
    ) or bare.removesuffix(".jinja") in {_bare(p) for p in CLIENT_FILES.values()}


def _bare(path: str) -> str:
    return re.sub(r"\{% if [^%]* %\}|\{% endif %\}", "", path)


def on_disk() -> dict[str, str]:
    """The files this module owns that are in template/ now."""
    return {
        rel: path.read_text(encoding="utf-8")
        for path in sorted(TEMPLATE.rglob("*"))
        if path.is_file() and not path.is_symlink()
        if owned(rel := path.relative_to(TEMPLATE).as_posix())
    }


def expected() -> dict[str, str]:
    """What the stored files should be, from the generator and the template as they are now."""
    with tempfile.TemporaryDirectory(prefix="specblocks-template-") as tmp:
        return stored_files(generate_all(Path(tmp)))


def differences(want: Mapping[str, str], have: Mapping[str, str]) -> list[str]:
    """One line per stored file that is changed, missing or no longer generated."""
    return (
        [f"changed: template/{p}" for p in sorted(want) if p in have and have[p] != want[p]]
        + [f"missing: template/{p}" for p in sorted(set(want) - set(have))]
        + [f"stale: template/{p}" for p in sorted(set(have) - set(want))]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the stored files (or, with ``--check``, list the differences and exit 1)."""
    args = list(sys.argv[1:] if argv is None else argv)
    want, have = expected(), on_disk()
    diff = differences(want, have)
    if "--check" in args:
        for line in diff:
            print(line)
        print(
            "template's generated files up to date"
            if not diff
            else "run `nox -s template -- --refresh`"
        )
        return 1 if diff else 0
    for rel in set(have) - set(want):
        (TEMPLATE / rel).unlink()
    for rel, text in want.items():
        path = TEMPLATE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
    for folder in sorted(TEMPLATE.rglob("*"), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()
    print(f"{len(want)} stored files up to date, {len(diff)} rewritten or removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
