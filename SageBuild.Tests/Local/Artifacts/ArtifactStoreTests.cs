using SageBuild.Local.Artifacts;

namespace SageBuild.Tests.Local.Artifacts;

public sealed class ArtifactStoreTests
{
    private string _root = null!;
    private ArtifactStore _store = null!;

    [SetUp]
    public void Create()
    {
        _root = Path.Combine(Path.GetTempPath(), "sagebuild-store-" + Guid.NewGuid().ToString("N")[..8]);
        _store = new ArtifactStore(_root);
    }

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [Test]
    public void An_s3_uri_is_a_file_under_the_bucket_folder()
    {
        Assert.That(_store.LocalPath("s3://my-bucket/models/v1/model.tar.gz"), Is.EqualTo(Path.Combine(_root, "my-bucket", "models", "v1", "model.tar.gz")));
    }

    [TestCase("file:///tmp/data/train.csv", "/tmp/data/train.csv")]
    [TestCase("/srv/data", "/srv/data")]
    public void File_uris_and_paths_are_taken_as_they_are(string uri, string path) =>
        Assert.That(_store.LocalPath(uri), Is.EqualTo(path));

    [TestCase("s3://Bad_Bucket/key", "invalid bucket name 'Bad_Bucket'")]
    [TestCase("s3://bucket/../../etc/passwd", "'..' segment")]
    [TestCase("https://example.com/data", "is not an s3:// or file:// URI or a path")]
    public void Malformed_or_escaping_uris_are_refused_naming_the_problem(string uri, string problem) =>
        Assert.That(() => _store.LocalPath(uri), Throws.ArgumentException.With.Message.Contains(problem));

    [Test]
    public void A_prefix_names_every_object_whose_key_starts_with_it_as_in_S3()
    {
        Put("s3://data/train/a.csv", "a");
        Put("s3://data/train/sub/b.csv", "b");
        Put("s3://data/training-extra.csv", "c");
        Put("s3://data/test/c.csv", "d");

        Assert.That(_store.List("s3://data/train").Select(o => o.RelativeKey), Is.EqualTo(new[] { "a.csv", "sub/b.csv" }), "a folder: everything below it");
        Assert.That(_store.List("s3://data/train/a.csv").Select(o => o.RelativeKey), Is.EqualTo(new[] { "a.csv" }), "one object");
        Assert.That(_store.List("s3://data/tr").Select(o => o.RelativeKey), Is.EqualTo(new[] { "train/a.csv", "train/sub/b.csv", "training-extra.csv" }),
            "a partial key: every key that starts with it");
        Assert.That(_store.Exists("s3://data/nothing"), Is.False);
    }

    [Test]
    public void Copying_a_prefix_keeps_relative_keys()
    {
        Put("s3://data/train/a.csv", "a");
        Put("s3://data/train/sub/b.csv", "b");
        var target = Path.Combine(_root, "channel");

        Assert.That(_store.CopyTo("s3://data/train/", target), Is.EqualTo(2));
        Assert.That(File.ReadAllText(Path.Combine(target, "sub", "b.csv")), Is.EqualTo("b"));
    }

    [Test]
    public void A_model_folder_round_trips_through_tar_gz_without_a_top_folder_even_when_empty()
    {
        var model = Path.Combine(_root, "model");
        Directory.CreateDirectory(Path.Combine(model, "nested"));
        File.WriteAllText(Path.Combine(model, "nested", "weights.bin"), "w");
        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);

        _store.Write("s3://out/job/output/model.tar.gz", path => TarGz.Pack(model, path));
        _store.Write("s3://out/empty/output/model.tar.gz", path => TarGz.Pack(empty, path));

        Assert.That(TarGz.List(_store.LocalPath("s3://out/job/output/model.tar.gz")), Is.EqualTo(new[] { "nested/weights.bin" }));
        Assert.That(TarGz.List(_store.LocalPath("s3://out/empty/output/model.tar.gz")), Is.Empty);
    }

    private void Put(string uri, string content)
    {
        var path = _store.LocalPath(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
