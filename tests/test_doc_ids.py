"""Document ids are unique across a run and against the encodings already in the output folder: sources
whose names give one id are an error naming both, never a silent overwrite; names in other scripts are
transliterated before they become ids."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli
from teikit.transcript.people import slug

_TEXT = "Record of Conversation\n\nTime: 3 May 1960\nParticipants: Comrade {0}\n\nComrade {0} said yes.\n"


def _convert(*args: str) -> tuple[int, list[str], list[str]]:
    result = CliRunner().invoke(cli, ["convert", *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def _inputs(folder: Path) -> None:
    folder.mkdir()
    for n, name in enumerate(("a b", "a-b", "日本", "中国")):
        (folder / f"{name}.txt").write_text(_TEXT.format(f"Ivan Zde{'fghj'[n]}ek"), encoding="utf-8")
    (folder / "ex.csv").write_text(
        "record_id,title,text_body\n"
        '7,One,"Comrade Piotr Zbadek said yes."\n'
        '7,Two,"Comrade Piotr Zbafek said no."\n'
        '日本,Three,"Comrade Piotr Zbagek spoke."\n'
        '中国,Four,"Comrade Piotr Zbahek spoke."\n',
        encoding="utf-8",
    )


def test_sources_with_one_id_are_an_error_naming_both(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    out = tmp_path / "out"
    code, stdout, stderr = _convert(str(tmp_path / "in"), "-o", str(out))
    assert code == 1
    written = [m[1] for line in stdout if (m := re.search(r" -> (\S+\.xml) \(written", line))]
    assert len(written) == len(set(written))  # "written" once per path
    assert {Path(p).name for p in written if Path(p).parent == out} == {  # 8 documents, 2 refused
        "a-b.xml",
        "riben.xml",
        "zhongguo.xml",
        "ex-7.xml",
        "ex-riben.xml",
        "ex-zhongguo.xml",
    }
    assert len(stderr) == 2, stderr
    assert stderr[0].startswith(f"{tmp_path / 'in' / 'a-b.txt'}:1:1: document id 'a-b' is also that of ")
    assert f"{tmp_path / 'in' / 'a b.txt'}, converted in this run" in stderr[0]
    assert stderr[1].startswith(f"{tmp_path / 'in' / 'ex.csv'}:3:1: document id 'ex-7' is also that of ")
    assert f"{tmp_path / 'in' / 'ex.csv'}:2, converted in this run" in stderr[1]
    # The first source keeps the id: its text is the one written.
    assert "Zdefek" in (out / "a-b.xml").read_text() and "Zbadek" in (out / "ex-7.xml").read_text()
    # The register attests no document that was refused.
    register = (out / "registers" / "persons.xml").read_text()
    assert "Zdegek" not in register and "Zbafek" not in register and "Zbagek" in register


def test_an_id_taken_by_an_earlier_run_is_an_error_until_its_encoding_is_gone(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert _convert(str(tmp_path / "in" / "a b.txt"), "-o", str(out))[0] == 0
    before = (out / "a-b.xml").read_bytes()
    code, stdout, stderr = _convert(str(tmp_path / "in" / "a-b.txt"), "-o", str(out))
    assert code == 1 and not any("written" in line for line in stdout)
    assert stderr == [
        f"{tmp_path / 'in' / 'a-b.txt'}:1:1: document id 'a-b' is also that of {tmp_path / 'in' / 'a b.txt'}, "
        f"from which {out / 'a-b.xml'} was made: nothing written; rename one of the two"
    ]
    assert (out / "a-b.xml").read_bytes() == before
    assert _convert(str(tmp_path / "in" / "a b.txt"), "-o", str(out))[0] == 0  # its own source: fine
    (out / "a-b.xml").unlink()
    code, stdout, _ = _convert(str(tmp_path / "in" / "a-b.txt"), "-o", str(out))
    assert code == 0 and "Zdegek" in (out / "a-b.xml").read_text()


def test_a_file_named_twice_is_converted_once(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    source = tmp_path / "in" / "日本.txt"
    code, stdout, stderr = _convert(str(source), str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 1 and len(stderr) == 2  # a b.txt / a-b.txt and the export's duplicate only
    assert sum(line.endswith("/riben.xml (written)") for line in stdout) == 1


def test_names_in_other_scripts_are_transliterated() -> None:
    assert [slug(n) for n in ("日本", "中国", "Łódź", "Straße", "Москва")] == [
        "riben",
        "zhongguo",
        "lodz",
        "strasse",
        "moskva",
    ]


def test_concurrent_runs_give_an_id_to_one_source_only(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    names = ("a b", "a-b", "a_b", "A B")
    commands = []
    for n, name in enumerate(names):
        (tmp_path / f"{name}.txt").write_text(_TEXT.format(f"Ivan Zdo{'fghj'[n]}ek"), encoding="utf-8")
        commands.append(
            [sys.executable, "-m", "teikit", "convert", str(tmp_path / f"{name}.txt"), "-o", str(out)]
        )
    running = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands
    ]
    outcomes = [(p.wait(timeout=300), *p.communicate()) for p in running]
    winners = [n for n, (code, _, _) in enumerate(outcomes) if code == 0]
    assert len(winners) == 1, outcomes
    assert all("document id 'a-b' is also that of" in err for code, _, err in outcomes if code != 0)
    assert f"Zdo{'fghj'[winners[0]]}ek" in (out / "a-b.xml").read_text()
    assert (out / ".teikit-sources.jsonl").read_text().count('"id": "a-b"') == 1
