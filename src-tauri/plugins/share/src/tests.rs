#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::{check, share_dir, Error, ShareFile, MAX_TITLE_CHARS};

fn file(path: PathBuf) -> ShareFile {
    ShareFile {
        path,
        media_type: "application/json".into(),
        title: "Share the backup".into(),
    }
}

#[test]
fn a_file_in_the_share_folder_with_a_known_type_passes() {
    let dir = share_dir(Path::new("/data/cache"));
    assert_eq!(dir, Path::new("/data/cache/share"));
    check(&file(dir.join("baohao-backup-2026-03-03.json")), &dir).unwrap();
    for media in ["text/csv", "text/calendar"] {
        let mut f = file(dir.join("x.csv"));
        f.media_type = media.into();
        check(&f, &dir).unwrap();
    }
}

#[test]
fn files_outside_the_share_folder_are_refused() {
    let dir = share_dir(Path::new("/data/cache"));
    for path in [
        PathBuf::from("/data/cache/baohao.db"),
        dir.join("sub").join("x.json"),
        dir.join("..").join("baohao.db"),
        dir.join(".hidden"),
        PathBuf::from("relative.json"),
    ] {
        let err = check(&file(path.clone()), &dir).unwrap_err();
        assert!(matches!(err, Error::InvalidShare(_)), "{path:?}: {err}");
    }
}

#[test]
fn unknown_types_and_bad_titles_are_refused() {
    let dir = share_dir(Path::new("/c"));
    let mut f = file(dir.join("a.json"));
    f.media_type = "application/x-sqlite3".into();
    assert!(check(&f, &dir).is_err());
    let mut f = file(dir.join("a.json"));
    f.title = " ".into();
    assert!(check(&f, &dir).is_err());
    f.title = "分".repeat(MAX_TITLE_CHARS + 1);
    assert!(check(&f, &dir).is_err());
    f.title = "分".repeat(MAX_TITLE_CHARS);
    check(&f, &dir).unwrap();
}

#[cfg(desktop)]
#[test]
fn desktop_has_no_share_sheet_and_refuses_after_checking() {
    let app = tauri::test::mock_builder()
        .plugin(crate::init())
        .build(tauri::test::mock_context(tauri::test::noop_assets()))
        .unwrap();
    use crate::ShareExt;
    let dir = share_dir(Path::new("/c"));
    assert!(!app.share().available());
    assert!(matches!(
        app.share().share_file(&file(dir.join("a.json")), &dir),
        Err(Error::Unsupported)
    ));
    assert!(matches!(
        app.share()
            .share_file(&file(PathBuf::from("/etc/passwd")), &dir),
        Err(Error::InvalidShare(_))
    ));
}
