"""Hub subcommands: ``hub``, ``kode-akses``, ``fasilitator tambah/daftar``, ``riwayat``."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from sinovda import paths
from sinovda.cli.args import arg_kelas, subperintah
from sinovda.domain.errors import InputTidakValid, SinovdaError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the hub subcommands."""
    hub = subperintah(sub, "hub", "jalankan JupyterHub (satu mesin) untuk satu folder kelas, "
                      "atau untuk kelas-kelas satu basis data PostgreSQL (--db)")
    _arg_kelas_db(hub)
    hub.add_argument(
        "--data",
        metavar="DIR",
        help="dengan --db: folder data hub sendiri (jupyterhub.sqlite, rahasia cookie); "
        "bawaan: ~/.sinovda/hub",
    )
    hub.add_argument("--port", type=int, default=8000, help="port untuk peserta (bawaan: 8000)")
    hub.add_argument("--ip", default="127.0.0.1", help="alamat IP (bawaan: 127.0.0.1)")
    hub.add_argument(
        "--rumah",
        default="/home",
        metavar="DIR",
        help="folder induk rumah akun sistem peserta (bawaan: /home)",
    )
    hub.add_argument(
        "--domain",
        default="",
        metavar="DOMAIN",
        help="nama domain hub dengan DNS wildcard (*.DOMAIN): server tiap peserta di "
        "subdomainnya sendiri (NIP.DOMAIN), terpisah dari hub; lihat panduan bagian keamanan",
    )
    hub.add_argument(
        "--https",
        action="store_true",
        help="hub dibuka lewat HTTPS (di balik reverse proxy atau dengan sertifikat): cookie "
        "hanya dikirim lewat HTTPS",
    )
    hub.add_argument(
        "--sertifikat",
        metavar="CERT",
        help="berkas sertifikat TLS (PEM, mis. fullchain.pem): hub melayani HTTPS sendiri; "
        "pakai bersama --kunci-sertifikat",
    )
    hub.add_argument(
        "--kunci-sertifikat",
        metavar="KEY",
        help="berkas kunci privat sertifikat TLS (PEM, mis. privkey.pem)",
    )
    hub.set_defaults(func=cmd_hub)

    kode = subperintah(sub, "kode-akses", "lembar kode akses pribadi peserta dan fasilitator")
    arg_kelas(kode)
    kode.add_argument(
        "--buat", action="store_true", help="buat kode untuk akun yang belum punya, lalu cetak"
    )
    kode.add_argument(
        "--ulang",
        nargs="+",
        metavar="NAMA",
        default=[],
        help="dengan --buat: ganti kode akun ini (NIP atau nama fasilitator), mis. kode hilang",
    )
    kode.add_argument(
        "--ke",
        metavar="FILE",
        help="dengan --buat: tulis lembar (teks) ke FILE, hanya bisa dibaca pemiliknya (0600), "
        "beserta PDF slip A4 untuk digunting (nama sama, akhiran .pdf)",
    )
    kode.add_argument(
        "--pdf",
        metavar="FILE",
        help="dengan --buat: tulis PDF slip A4 ke FILE (0600)",
    )
    kode.add_argument(
        "--buka-kunci",
        nargs="+",
        metavar="NAMA",
        default=[],
        help="buka kunci login NIP/nama fasilitator (atau alamat IP) setelah terlalu banyak "
        "kode salah",
    )
    kode.set_defaults(func=cmd_kode_akses)

    riwayat = subperintah(sub, "riwayat", "riwayat satu jawaban peserta; pulihkan versi sebelumnya")
    riwayat.add_argument("nip", metavar="NIP", help="NIP peserta")
    riwayat.add_argument("modul", metavar="MODUL", help="id modul, mis. masalah")
    riwayat.add_argument("field", metavar="ISIAN", help="nama isian, mis. akar_masalah")
    riwayat.add_argument(
        "--pulihkan", type=int, metavar="REVISI", help="jadikan nilai revisi ini jawaban terbaru"
    )
    arg_kelas(riwayat)
    riwayat.set_defaults(func=cmd_riwayat)

    fas = subperintah(sub, "fasilitator", "kelola akun fasilitator (admin hub)")
    fsub = fas.add_subparsers(title="perintah", metavar="PERINTAH")
    tambah = subperintah(fsub, "tambah", "tambah akun fasilitator dan cetak kode aksesnya")
    tambah.add_argument("nama", metavar="NAMA", help="nama akun pendek, mis. budi")
    tambah.add_argument("--label", default="", help="nama lengkap untuk ditampilkan")
    _arg_kelas_db(tambah)
    tambah.set_defaults(func=cmd_fasilitator_tambah)
    gabung = subperintah(fsub, "gabung", "jadikan fasilitator yang ada anggota kelas lain "
                         "(basis data PostgreSQL; nama dan kode akses tetap)")
    gabung.add_argument("nama", metavar="NAMA", help="nama akun fasilitator")
    _arg_kelas_db(gabung)
    gabung.set_defaults(func=cmd_fasilitator_gabung)
    daftar = subperintah(fsub, "daftar", "tampilkan akun fasilitator (dan kelasnya)")
    _arg_kelas_db(daftar)
    daftar.set_defaults(func=cmd_fasilitator_daftar)


def _arg_kelas_db(p: argparse.ArgumentParser) -> None:
    """``--kelas`` (a class folder, or with a PostgreSQL database a class key; repeatable) and
    ``--db URL``."""
    p.add_argument(
        "--kelas", action="append", metavar="DIR|KUNCI",
        help="folder kelas (bawaan: $SINOVDA_KELAS, atau ./kelas); dengan basis data "
        "PostgreSQL (--db atau $SINOVDA_DB): kunci kelas, boleh berulang",
    )
    p.add_argument(
        "--db", metavar="URL",
        help="basis data PostgreSQL kelas-kelas (postgresql://...; bawaan: $SINOVDA_DB)",
    )


def kelas_pg(args: argparse.Namespace) -> tuple[str, list[str]] | None:
    """(database URL, class keys given) when the command works on classes of a PostgreSQL
    database (``--db``, ``$SINOVDA_DB`` or a locator ``postgresql://...?kelas=KEY``), else None
    (one SQLite class folder)."""
    from sinovda.store import pg

    url = (getattr(args, "db", None) or "").strip()
    if url and not pg.adalah_url(url):
        raise InputTidakValid(f"--db: '{url[:60]}' bukan alamat PostgreSQL (postgresql://...)")
    if url:
        pg.tanpa_kelas(url, "--db")
    nilai = list(args.kelas or [])
    url = url or next((pg.urai(k)[0] for k in nilai if pg.adalah_url(k)), "") or \
        (pg._url_db() or "")
    if not url:
        if len(nilai) > 1:
            raise InputTidakValid("beberapa --kelas hanya untuk kelas di basis data PostgreSQL "
                                  "(--db atau SINOVDA_DB); kelas berbasis folder: satu --kelas")
        return None
    url = pg._POLA_URL.sub(lambda m: m.group(1) + "://", url, count=1)
    kunci = [pg.urai(k)[1] if pg.adalah_url(k) else pg.periksa_kunci(Path(k).name)
             for k in nilai]
    return url, list(dict.fromkeys(kunci))


def _satu_kelas(args: argparse.Namespace) -> argparse.Namespace:
    """``args`` with ``kelas`` as one folder (SQLite) for the per-class helpers."""
    return argparse.Namespace(**{**vars(args), "kelas": (args.kelas or [None])[0]})


def _akun(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the class (validating it) and bring the hub accounts in line with the roster."""
    from sinovda.hub.akun import DaftarAkun
    from sinovda.store import Store

    kelas = paths.kelas_dir(args.kelas)
    st = Store.open(kelas)
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta((p.nip, p.nama) for p in st.daftar_peserta())
    return akun


def _cetak_lembar(baris: list[tuple[str, str, str]]) -> None:
    from sinovda.hub.lembar import Slip, teks_lembar

    print(teks_lembar([Slip(n, label, kode) for n, label, kode in baris]), end="")


def _tujuan_lembar(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """Where ``--buat`` writes the sheet: (text file, PDF file), checked before any change."""
    from sinovda.hub.lembar import cek_tujuan

    if (args.ke or args.pdf) and not args.buat:
        raise InputTidakValid("--ke dan --pdf dipakai bersama --buat")
    teks = cek_tujuan(Path(args.ke), "--ke") if args.ke else None
    pdf = Path(args.pdf) if args.pdf else (teks.with_suffix(".pdf") if teks else None)
    if pdf is not None:
        cek_tujuan(pdf, "--pdf")
    if teks is not None and pdf is not None and teks.resolve() == pdf.resolve():
        raise InputTidakValid("--ke dan --pdf menunjuk berkas yang sama")
    return teks, pdf


def _tulis_lembar(akun, baris: list[tuple[str, str]], args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """New passcodes for ``baris`` (name, label): written to the sheet files first, then their
    hashes saved, so a sheet that could not be written never leaves accounts without codes."""
    from sinovda.hub.akun import buat_kode
    from sinovda.hub.lembar import Slip, pdf_lembar, teks_lembar, tulis_pribadi
    from sinovda.store import Store

    teks, pdf = _tujuan_lembar(args)
    slip = [Slip(nama, label, buat_kode()) for nama, label in baris]
    if teks is None and pdf is None:
        print(teks_lembar(slip), end="")
        print("Saran: tulis lembar ke berkas pribadi dengan --ke FILE (juga membuat PDF slip).",
              file=sys.stderr)
    if pdf is not None:
        kelas = Store.open(paths.kelas_dir(args.kelas)).kelas_info().get("nama", "")
        tulis_pribadi(pdf, pdf_lembar(slip, str(kelas)))
    if teks is not None:
        tulis_pribadi(teks, teks_lembar(slip).encode("utf-8"))
    for s in slip:
        akun.set_kode(s.nama, s.kode)
    for berkas in (teks, pdf):
        if berkas is not None:
            print(f"Lembar kode ({len(slip)} akun) ditulis ke {berkas} (hanya bisa dibaca "
                  "pemiliknya). Cetak, gunting, bagikan, lalu hapus berkasnya.")
    return 0


def _buka_kunci(akun, nama: list[str]) -> int:  # type: ignore[no-untyped-def]
    import ipaddress

    terkunci = {k.kunci for k in akun.daftar_terkunci()}
    for n in nama:  # all checked first: a typo unlocks nothing and exits 2
        try:
            ipaddress.ip_address(n)
            continue
        except ValueError:
            pass
        if n not in terkunci and akun.get(n) is None:
            raise InputTidakValid(
                f"--buka-kunci: '{n[:40]}' bukan NIP peserta, nama fasilitator, atau alamat IP "
                "yang dikenal kelas ini; lihat daftarnya: sinovda peserta daftar"
            )
    for n in nama:
        if akun.buka_kunci(n):
            print(f"Kunci login '{n}' dibuka; percobaan gagal sebelumnya dilupakan.")
        else:
            print(f"'{n}' tidak sedang terkunci (tidak ada percobaan gagal yang tercatat).")
    return 0


def _cetak_terkunci(akun) -> None:  # type: ignore[no-untyped-def]
    terkunci = akun.daftar_terkunci()
    for k in terkunci:
        jenis = "alamat" if k.jenis == "alamat" else "akun"
        print(f"TERKUNCI  {jenis} {k.kunci}  sampai {k.sampai_teks()}  ({k.gagal} kali salah)")
    if terkunci:
        print("Buka kunci: sinovda kode-akses --buka-kunci NIP --kelas ...")


def cmd_kode_akses(args: argparse.Namespace) -> int:
    akun = _akun(args)
    semua = akun.daftar()
    if args.ulang and not args.buat:
        raise InputTidakValid("--ulang dipakai bersama --buat")
    _tujuan_lembar(args)
    if args.buka_kunci:
        if args.buat:
            raise InputTidakValid("--buka-kunci tidak dipakai bersama --buat")
        return _buka_kunci(akun, args.buka_kunci)
    if not args.buat:
        if not semua:
            print("Belum ada peserta. Impor roster: sinovda peserta impor ROSTER.csv")
            return 0
        for a in semua:
            status = "punya kode" if a.punya_kode else "BELUM punya kode"
            print(f"{a.nama}  {a.peran:<11}  {status}  {a.label}")
        belum = sum(not a.punya_kode for a in semua)
        if belum:
            print(f"{belum} akun belum punya kode: sinovda kode-akses --buat --kelas ...")
        _cetak_terkunci(akun)
        return 0
    ulang = {n.strip().lower() for n in args.ulang}
    dikenal = {a.nama for a in semua}
    for nama in sorted(ulang - dikenal):
        raise InputTidakValid(f"--ulang: akun '{nama}' tidak ada di kelas ini")
    _tujuan_lembar(args)
    baris = [(a.nama, a.label) for a in semua if not a.punya_kode or a.nama in ulang]
    if not baris:
        print("Semua akun sudah punya kode. Untuk mengganti kode: --buat --ulang NIP")
        return 0
    return _tulis_lembar(akun, baris, args)


def cmd_fasilitator_tambah(args: argparse.Namespace) -> int:
    pg_ = kelas_pg(args)
    if pg_ is not None:
        return _fasilitator_tambah_pg(args, *pg_)
    args = _satu_kelas(args)
    akun = _akun(args)
    kode = akun.tambah_fasilitator(args.nama, args.label)
    nama = args.nama.strip().lower()
    # The facilitator is also rated by name in the course evaluation (module 06).
    from sinovda.store import Store

    st = Store.open(paths.kelas_dir(args.kelas))
    st.atur_fasilitator([*st.kelas_info()["fasilitator"], args.label.strip() or nama])
    _cetak_lembar([(nama, args.label or nama, kode)])
    return 0


def _butuh_kunci(kunci: list[str], perintah: str) -> list[str]:
    if not kunci:
        raise InputTidakValid(f"sebutkan kelasnya: sinovda fasilitator {perintah} NAMA "
                              "--kelas KUNCI [--kelas KUNCI ...]")
    return kunci


def _catat_nama_evaluasi(url: str, kunci: list[str], label: str) -> None:
    """Add the facilitator's name to each class's course evaluation list (module 06)."""
    from sinovda.store import Store, pg

    for k in kunci:
        st = Store.open(pg.lokasi_kelas(url, k))
        ada = list(st.kelas_info()["fasilitator"])
        if label not in ada:
            st.atur_fasilitator([*ada, label])


def _fasilitator_tambah_pg(args: argparse.Namespace, url: str, kunci: list[str]) -> int:
    """One facilitator account for the database, a member of every ``--kelas``; passcode once."""
    from sinovda.hub.akun import DaftarAkun, cek_nama_fasilitator

    kunci = _butuh_kunci(kunci, "tambah")
    nama = cek_nama_fasilitator(args.nama)
    akun = DaftarAkun(url, kelas=kunci)  # every class must exist before anything is written
    kode = DaftarAkun(url, kelas=kunci[:1]).tambah_fasilitator(nama, args.label)
    akun.gabung_fasilitator(nama, kunci[1:])
    _catat_nama_evaluasi(url, kunci, args.label.strip() or nama)
    _cetak_lembar([(nama, args.label or nama, kode)])
    print(f"Fasilitator {nama} anggota kelas: {', '.join(kunci)} (satu kode akses untuk semua).")
    return 0


def cmd_fasilitator_gabung(args: argparse.Namespace) -> int:
    from sinovda.hub.akun import DaftarAkun, cek_nama_fasilitator

    pg_ = kelas_pg(args)
    if pg_ is None:
        raise InputTidakValid("gabung hanya untuk kelas di basis data PostgreSQL (--db URL atau "
                              "SINOVDA_DB); kelas berbasis folder punya akunnya sendiri: "
                              "sinovda fasilitator tambah NAMA --kelas DIR")
    url, kunci = pg_
    kunci = _butuh_kunci(kunci, "gabung")
    nama = cek_nama_fasilitator(args.nama)
    akun = DaftarAkun(url)
    ada = akun.get(nama)
    if ada is None or ada.peran != "fasilitator":
        raise InputTidakValid(f"'{nama}' bukan akun fasilitator di basis data; buat dulu: "
                              f"sinovda fasilitator tambah {nama} --kelas KUNCI")
    baru = akun.gabung_fasilitator(nama, kunci)
    _catat_nama_evaluasi(url, kunci, ada.label or nama)
    semua = DaftarAkun(url).kelas_anggota(nama)
    print(f"{nama}: {baru} kelas baru; kini anggota kelas {', '.join(sorted(semua))}. "
          "Kode aksesnya tetap.")
    return 0


def cmd_fasilitator_daftar(args: argparse.Namespace) -> int:
    pg_ = kelas_pg(args)
    if pg_ is not None:
        from sinovda.hub.akun import DaftarAkun

        url, kunci = pg_
        akun = DaftarAkun(url, kelas=kunci or None)
        fas = [a for a in akun.daftar() if a.peran == "fasilitator"]
        if not fas:
            print("Belum ada fasilitator: sinovda fasilitator tambah NAMA --kelas KUNCI")
        semua = DaftarAkun(url)  # every class of each listed facilitator
        for a in fas:
            kelas = ", ".join(sorted(semua.kelas_anggota(a.nama)))
            kode = "" if a.punya_kode else "  BELUM punya kode"
            print(f"{a.nama}  {a.label}  kelas: {kelas}{kode}")
        return 0
    akun = _akun(_satu_kelas(args))
    fas = [a for a in akun.daftar() if a.peran == "fasilitator"]
    if not fas:
        print("Belum ada fasilitator: sinovda fasilitator tambah NAMA --kelas ...")
    for a in fas:
        print(f"{a.nama}  {a.label}")
    return 0


def _ringkas(nilai: object, lebar: int = 90) -> str:
    teks = json.dumps(nilai, ensure_ascii=False)
    return teks if len(teks) <= lebar else teks[: lebar - 3] + "..."


def cmd_riwayat(args: argparse.Namespace) -> int:
    from sinovda.store import Store

    st = Store.open(paths.kelas_dir(args.kelas))
    nip = args.nip.strip()
    if st.get_peserta(nip) is None:
        raise InputTidakValid(f"peserta dengan NIP {nip} tidak ada di kelas ini")
    if args.pulihkan is not None:
        baru = st.restore(nip, args.modul, args.field, args.pulihkan, peran="fasilitator")
        print(f"Revisi {args.pulihkan} dipulihkan sebagai jawaban terbaru (revisi {baru}) "
              f"untuk {nip} {args.modul}.{args.field}; versi sebelumnya tetap di riwayat.")
        return 0
    revisi = st.history(nip, args.modul, args.field)
    if not revisi:
        print(f"Belum ada jawaban {args.modul}.{args.field} untuk {nip}.")
        return 0
    for i, r in enumerate(revisi):
        tanda = "sekarang" if i == 0 else ""
        print(f"{r.id:>6}  {r.saved_at[:19].replace('T', ' ')}  {tanda:<8}  "
              f"{r.label_oleh:<24}  {_ringkas(r.value, 70)}")
    print(f"Pulihkan: sinovda riwayat {nip} {args.modul} {args.field} --pulihkan REVISI")
    return 0


def siapkan_hub(args: argparse.Namespace) -> dict[str, str]:
    """Check the class, create system users (as root), lock the DB; return the hub's env."""
    from sinovda.hub import sistem

    domain = _domain(args.domain)
    sertifikat = _sertifikat(args.sertifikat, args.kunci_sertifikat)
    from sinovda.data.ruang import load_ruang
    from sinovda.data.settings import load_masuk

    load_masuk()  # a broken masuk:/server_hub:/app: section is named now, not at the first login
    load_ruang()
    pg_ = kelas_pg(args)
    port_dalam = periksa_port(args.ip, args.port)  # before any account or folder is touched
    if pg_ is not None:
        akun, url, kunci = _akun_pg(*pg_)
        kelas = None
        tempat = " ".join(f"--kelas {k}" for k in kunci)
    else:
        args = _satu_kelas(args)
        if getattr(args, "data", None):
            raise InputTidakValid("--data hanya untuk hub basis data PostgreSQL (--db); hub "
                                  "kelas berbasis folder menyimpan datanya di <kelas>/hub")
        akun = _akun(args)
        kelas = paths.kelas_dir(args.kelas).resolve()
        tempat = f"--kelas {kelas}"
    semua = akun.daftar()
    siap = [a for a in semua if a.punya_kode]
    if not any(a.peran == "fasilitator" for a in siap):
        raise SinovdaError("belum ada akun fasilitator: sinovda fasilitator tambah NAMA " + tempat)
    belum = [a.nama for a in semua if not a.punya_kode]
    if belum:
        print(
            f"Perhatian: {len(belum)} akun belum punya kode akses dan belum bisa login: "
            f"sinovda kode-akses --buat {tempat}",
            file=sys.stderr,
        )
    from sinovda.hub.konfigurasi import modul_server, perintah_server

    modul = modul_server(dict(os.environ))  # an unknown $SINOVDA_HUB_SERVER_PESERTA: said here
    if sistem.sebagai_root():
        perintah_server(modul=modul)  # fails early, with the reason, if others cannot run it
        rumah = Path(args.rumah)
        for a in siap:
            sistem.pastikan_akun_os(sistem.akun_os(a.nama, a.peran), rumah)
        if kelas is not None:  # a PostgreSQL database has no class folder to lock
            sistem.kunci_kelas(kelas)
        from sinovda.data.content import lindungi_kunci

        lindungi_kunci()  # the test key: read only by the store service (this account)
    else:
        print(
            "Perhatian: hub tidak dijalankan sebagai root. Semua server peserta berjalan sebagai "
            "pengguna sistem yang sama; pemisahan data hanya dijaga oleh layanan penyimpanan, "
            "bukan oleh izin berkas. Untuk kelas sungguhan jalankan sebagai root.",
            file=sys.stderr,
        )
    env = dict(os.environ)
    env.pop("SINOVDA_KELAS", None)
    if kelas is None:
        data = Path(getattr(args, "data", None) or Path.home() / ".sinovda" / "hub")
        env.update({"SINOVDA_HUB_KELAS": "", "SINOVDA_HUB_DB": url,
                    "SINOVDA_HUB_KELAS_DAFTAR": ",".join(kunci)})
    else:
        data = kelas / "hub"
        env.update({"SINOVDA_HUB_KELAS": str(kelas), "SINOVDA_HUB_DB": "",
                    "SINOVDA_HUB_KELAS_DAFTAR": ""})
    env.update(
        {
            "SINOVDA_HUB_IP": args.ip,
            "SINOVDA_HUB_PORT": str(args.port),
            **port_dalam,
            "SINOVDA_HUB_DATA": str(data.resolve()),
            "SINOVDA_HUB_RUMAH": str(Path(args.rumah).resolve()),
            "SINOVDA_HUB_DOMAIN": domain,
            "SINOVDA_HUB_HTTPS": "1" if args.https or sertifikat else "",
            "SINOVDA_HUB_SSL_CERT": sertifikat[0] if sertifikat else "",
            "SINOVDA_HUB_SSL_KEY": sertifikat[1] if sertifikat else "",
        }
    )
    return env


def _akun_pg(url: str, kunci: list[str]):  # type: ignore[no-untyped-def]
    """The served classes of database ``url`` (``kunci``, default every class): each class's
    roster brought into the accounts; return (accounts of the served classes, url, keys)."""
    from sinovda.hub.akun import DaftarAkun
    from sinovda.store import Store, pg

    kunci = kunci or [k for k, _ in pg.daftar_kelas(url)]
    if not kunci:
        raise SinovdaError("belum ada kelas di basis data: sinovda kelas buat KUNCI --nama ... "
                           "(dengan SINOVDA_DB diatur)")
    for k in kunci:
        lokasi = pg.lokasi_kelas(url, k)
        st = Store.open(lokasi)  # InputTidakValid naming the key when there is no such class
        DaftarAkun(lokasi).sinkron_peserta((p.nip, p.nama) for p in st.daftar_peserta())
    return DaftarAkun(url, kelas=kunci), url, kunci


def _sertifikat(cert: str | None, key: str | None) -> tuple[str, str] | None:
    """(certificate, key) as absolute paths of readable files, or None when neither is given."""
    if not cert and not key:
        return None
    if not (cert and key):
        raise InputTidakValid("--sertifikat dan --kunci-sertifikat harus dipakai bersama")
    hasil = []
    for opsi, berkas in (("--sertifikat", cert), ("--kunci-sertifikat", key)):
        p = Path(berkas).expanduser().resolve()
        if not p.is_file() or not os.access(p, os.R_OK):
            raise InputTidakValid(f"{opsi}: berkas '{berkas}' tidak ada atau tidak dapat dibaca")
        hasil.append(str(p))
    return hasil[0], hasil[1]


def _domain(domain: str) -> str:
    """A domain name for ``--domain`` (letters, digits, '-' and dots), lower case."""
    import re

    d = domain.strip().lower().rstrip(".")
    label = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
    if d and not re.fullmatch(rf"{label}(\.{label})+", d):
        raise InputTidakValid(
            f"--domain: '{domain[:80]}' bukan nama domain, mis. kelas.pemda.go.id (tanpa http:// "
            "dan tanpa port)"
        )
    return d


PORT_DALAM = ("SINOVDA_HUB_PORT_HUB", "SINOVDA_HUB_PORT_API", "SINOVDA_HUB_PORT_LAYANAN")
"""The hub's internal ports (127.0.0.1): the hub itself, the proxy's API, the store service."""


def _bisa_dipakai(ip: str, port: int) -> OSError | None:
    """None when a server can listen on ``ip:port`` now (bound and closed again at once, with
    SO_REUSEADDR as the proxy and the hub bind), else the error."""
    import socket

    try:
        info = socket.getaddrinfo(ip or None, port, type=socket.SOCK_STREAM,
                                  flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as e:
        return OSError(f"alamat tidak dikenal: {e}")
    keluarga, jenis, proto, _, alamat = info[0]
    try:
        with socket.socket(keluarga, jenis, proto) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(alamat)
            s.listen(1)
    except OSError as e:
        return e
    return None


def _sebab_port(e: OSError) -> str:
    import errno

    if e.errno == errno.EADDRINUSE:
        return "sudah dipakai program lain"
    if e.errno == errno.EACCES:
        return "butuh hak root (port di bawah 1024)"
    if e.errno == errno.EADDRNOTAVAIL:
        return "alamat IP itu bukan milik mesin ini"
    return e.strerror or str(e)


def periksa_port(ip: str, port: int, env: dict[str, str] | None = None) -> dict[str, str]:
    """Check, before anything is started or changed, that the public ``ip:port`` and the hub's
    internal ports are free (``InputTidakValid`` naming the port and how to choose another);
    return the internal ports as env values (free ones picked now where
    ``$SINOVDA_HUB_PORT_HUB``/``_API``/``_LAYANAN`` are empty), so the ports checked are the ones
    the hub uses. (A proxy that could not bind left 'JupyterHub kelas berjalan' on screen.)"""
    from sinovda.hub.konfigurasi import port_bebas

    sumber = os.environ if env is None else env
    if not 1 <= port <= 65535:
        raise InputTidakValid(f"--port {port}: bukan nomor port (1-65535), mis. --port 8000")
    galat = _bisa_dipakai(ip, port)
    if galat is not None:
        raise InputTidakValid(
            f"port {port} di alamat {ip} tidak dapat dipakai hub: {_sebab_port(galat)}. Pilih "
            f"port lain dengan --port, mis. --port {8001 if port == 8000 else 8000}, atau "
            f"hentikan program yang memakai port {port} (lihat: ss -ltnp 'sport = :{port}'). "
            "Hub belum dijalankan; tidak ada yang diubah.")
    hasil: dict[str, str] = {}
    for nama in PORT_DALAM:
        teks = (sumber.get(nama) or "").strip()
        if not teks:
            pilihan = port_bebas()
            while pilihan == port or str(pilihan) in hasil.values():
                pilihan = port_bebas()
            hasil[nama] = str(pilihan)
            continue
        if not teks.isdigit() or not 1 <= int(teks) <= 65535 or int(teks) == port:
            raise InputTidakValid(f"{nama}={teks[:20]}: bukan port yang dapat dipakai (1-65535, "
                                  f"bukan port publik {port}); kosongkan agar dipilih otomatis")
        galat = _bisa_dipakai("127.0.0.1", int(teks))
        if galat is not None:
            raise InputTidakValid(
                f"port dalam {teks} ({nama}) di 127.0.0.1 tidak dapat dipakai hub: "
                f"{_sebab_port(galat)}. Kosongkan {nama} agar port bebas dipilih otomatis, atau "
                "pilih port lain. Hub belum dijalankan; tidak ada yang diubah.")
        hasil[nama] = teks
    if len(set(hasil.values())) < len(hasil):
        raise InputTidakValid(f"{', '.join(PORT_DALAM)} harus berbeda satu sama lain")
    return hasil


def _periksa_proxy() -> None:
    """Refuse to start (before anything is changed) when JupyterHub's proxy cannot be found: a
    wheel install has no repo ``node_modules``, and JupyterHub then printed an English traceback
    after sinovda had already said the hub was running."""
    from sinovda.hub.konfigurasi import cari_proxy

    proxy = cari_proxy()
    if os.sep not in proxy:  # neither on PATH nor in the repo's node_modules
        raise SinovdaError(
            "configurable-http-proxy (proksi JupyterHub, paket Node.js) tidak ditemukan di PATH; "
            "pasang dengan: npm install -g configurable-http-proxy (atau conda install -c "
            "conda-forge configurable-http-proxy; di salinan repo: sudo make sistem), lalu "
            "jalankan lagi"
        )


def cmd_hub(args: argparse.Namespace) -> int:
    import jupyterhub.app  # noqa: F401  (the [hub] extra: checked before anything is changed)

    _periksa_proxy()
    env = siapkan_hub(args)
    jupyterhub = shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) or "jupyterhub"
    config = paths.ROOT / "deploy" / "jupyterhub_config.py"
    data = Path(env["SINOVDA_HUB_DATA"])
    data.mkdir(mode=0o700, parents=True, exist_ok=True)
    alamat = f"{env['SINOVDA_HUB_DOMAIN'] or args.ip}:{args.port}"
    skema = "https" if env["SINOVDA_HUB_HTTPS"] else "http"
    if env.get("SINOVDA_HUB_DB"):
        print(f"Kelas dilayani: {env['SINOVDA_HUB_KELAS_DAFTAR'].replace(',', ', ')}; data hub "
              f"di {data}")
    print(f"JupyterHub kelas berjalan di {skema}://{alamat}/  (hentikan: Ctrl+C)")
    sys.stdout.flush()
    os.chdir(data)
    os.execve(jupyterhub, [jupyterhub, "-f", str(config)], env)
    return 0  # not reached
