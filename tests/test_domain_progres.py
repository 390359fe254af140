"""Progress per module and overall, from the course map and a participant's answers."""

from sinovda.domain.progres import persen, rincian, status_modul, terisi

KURSUS = {"modul": [
    {"id": "pengantar", "judul": "Pengantar", "wajib": ["pretest_selesai"]},
    {"id": "masalah", "judul": "Identifikasi Masalah",
     "wajib": ["isu", "isu_inti", "fishbone", "akar_masalah", "pemangku"]},
    {"id": "inovasi", "judul": "Inovasi", "wajib": ["inovasi", "kriteria", "rencana_aksi"]},
]}


def test_terisi():
    assert not any(terisi(v) for v in (None, "", "  ", [], {}, False, [{"judul": ""}],
                                        {"nama": ""}))
    assert all(terisi(v) for v in (True, 0, "x", [{"judul": "a"}], {"nama": "A"}))


def test_status_dan_persen():
    jawaban = {
        "pengantar": {"pretest_selesai": True, "pretest": {"q1": "a"}},
        "masalah": {"isu": [{"judul": "Antrean panjang"}], "isu_inti": "Antrean panjang",
                    "fishbone": [], "akar_masalah": " "},
        "inovasi": {"catatan": ""},
    }
    assert status_modul(KURSUS, jawaban) == {"pengantar": "selesai", "masalah": "sedang",
                                             "inovasi": "belum"}
    r = {s.id: s for s in rincian(KURSUS, jawaban)}
    assert r["masalah"].kurang == ("fishbone", "akar_masalah", "pemangku")
    assert r["masalah"].label == "Sedang dikerjakan"
    assert persen(KURSUS, jawaban) == round(3 / 9 * 100, 1)


def test_pretest_belum_dikirim_dan_jawaban_lain_membuat_sedang():
    jawaban = {"pengantar": {"pretest_selesai": False, "pretest": {"q1": "b"}}}
    assert status_modul(KURSUS, jawaban)["pengantar"] == "sedang"


def test_kosong_dan_objek_beratribut():
    assert persen(KURSUS, None) == 0 and persen([], {}) == 0

    class M:
        id, judul, wajib = "masalah", "M", ("isu_inti",)

    class K:
        modul = (M(),)

    assert status_modul(K(), {"masalah": {"isu_inti": "x"}}) == {"masalah": "selesai"}
    assert persen(K(), {"masalah": {"isu_inti": "x"}}) == 100


def test_dengan_peta_kursus_sebenarnya():
    from sinovda.data.content import load_kursus

    k = load_kursus()
    assert set(status_modul(k, {}).values()) == {"belum"}
    semua = {m.id: {f: "isi" for f in m.wajib} for m in k.modul}
    assert set(status_modul(k, semua).values()) == {"selesai"}
    assert persen(k, semua) == 100
