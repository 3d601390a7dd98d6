//! Map/reduce: any split of the sample corpus into shards, merged in any
//! order or grouping, gives the same graph as one build — byte for byte.

use assert_cmd::Command;
use diplograph::graph::{GraphBuilder, GraphData};
use diplograph::model::Extraction;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("data/samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn extractions() -> &'static Vec<Extraction> {
    static X: OnceLock<Vec<Extraction>> = OnceLock::new();
    X.get_or_init(|| {
        let lex = diplograph::lexicon::Lexicon::embedded().unwrap();
        sample_files()
            .iter()
            .map(|p| {
                let id = p.file_stem().unwrap().to_string_lossy().into_owned();
                let doc = diplograph::ingest::parse_txt(&id, &std::fs::read_to_string(p).unwrap());
                diplograph::extract::extract(&doc, &lex)
            })
            .collect()
    })
}

fn whole() -> &'static GraphData {
    static G: OnceLock<GraphData> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = GraphBuilder::new();
        for x in extractions() {
            b.add(x);
        }
        b.finish().data
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Each document goes to a random shard; shards are merged in a random
    /// order, some as builders, some through their finished graph.
    #[test]
    fn any_split_merged_in_any_order_gives_the_same_graph(
        assignment in prop::collection::vec(0usize..4, 14),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        through_graph in prop::collection::vec(any::<bool>(), 4),
    ) {
        let xs = extractions();
        let mut shards: Vec<GraphBuilder> = (0..4).map(|_| GraphBuilder::new()).collect();
        for (i, x) in xs.iter().enumerate() {
            shards[assignment[i % assignment.len()]].add(x);
        }
        let mut total = GraphBuilder::new();
        for &k in &order {
            let shard = std::mem::take(&mut shards[k]);
            if through_graph[k] {
                total.add_graph(&shard.finish().data);
            } else {
                total.merge(shard);
            }
        }
        prop_assert_eq!(&total.finish().data, whole());
    }
}

#[test]
fn two_extract_processes_in_parallel_then_merge_equal_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let files = sample_files();
    let (a, b) = files.split_at(files.len() / 2);
    let bin = assert_cmd::cargo::cargo_bin("diplograph");
    let spawn = |part: &[PathBuf], out: &Path| {
        std::process::Command::new(&bin)
            .args(["extract", "-q", "-o"])
            .arg(out)
            .args(part)
            .spawn()
            .unwrap()
    };
    let (sa, sb) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    let mut pa = spawn(a, &sa);
    let mut pb = spawn(b, &sb);
    assert!(pa.wait().unwrap().success() && pb.wait().unwrap().success());
    let merged = dir.path().join("merged.json");
    Command::cargo_bin("diplograph")
        .unwrap()
        .args(["merge", "-q"])
        .arg(&sb)
        .arg(&sa)
        .arg("-o")
        .arg(&merged)
        .assert()
        .success();
    let built = dir.path().join("built");
    Command::cargo_bin("diplograph")
        .unwrap()
        .current_dir(root())
        .args(["build", "data/samples", "-q", "-o"])
        .arg(&built)
        .assert()
        .success();
    let one = std::fs::read(built.join("graph.json")).unwrap();
    assert!(
        std::fs::read(&merged).unwrap() == one,
        "merge of shards differs from build"
    );
    // hierarchical: a merged graph merged again with nothing new is unchanged
    let again = dir.path().join("again.json");
    Command::cargo_bin("diplograph")
        .unwrap()
        .args(["merge", "-q"])
        .arg(&merged)
        .arg(&sa)
        .arg("-o")
        .arg(&again)
        .assert()
        .success();
    assert!(
        std::fs::read(&again).unwrap() == one,
        "re-merging a shard is a no-op"
    );
}

#[test]
fn a_bad_shard_line_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    std::fs::write(
        &shard,
        "{\"doc_id\":\"x\",\"date\":null,\"title\":\"\",\"actors\":[],\"events\":[]}\nnot json\n",
    )
    .unwrap();
    Command::cargo_bin("diplograph")
        .unwrap()
        .arg("merge")
        .arg(&shard)
        .arg("-o")
        .arg(dir.path().join("g.json"))
        .assert()
        .success()
        .stderr(predicates::str::contains("s.jsonl:2: skipped"));
}
