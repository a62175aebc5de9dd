using SageBuild.Engine.Api.Authentication;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Authentication;

public sealed class ServerCredentialsTests
{
    [Test]
    public void Parses_KEY_colon_SECRET_and_never_shows_the_secret()
    {
        var credentials = ServerCredentials.Parse("AKID1:s3cret:with:colons");
        Assert.That(credentials.AccessKeyIds, Is.EqualTo(new[] { "AKID1" }));
        Assert.That(credentials.ToString(), Does.Contain("AKID1").And.Not.Contain("s3cret"));
    }

    [TestCase("no-colon")]
    [TestCase(":secret")]
    [TestCase("key:")]
    public void Refuses_text_that_is_not_KEY_colon_SECRET(string text)
    {
        var error = Assert.Throws<FormatException>(() => ServerCredentials.Parse(text))!;
        Assert.That(error.Message, Does.StartWith("--credentials: expected KEY:SECRET"));
    }

    [Test]
    public void Loads_a_file_of_KEY_colon_SECRET_lines()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("keys"), "# team keys\nAKID1:one\n\nAKID2:two\n");
        Assert.That(ServerCredentials.Load(folder.File("keys")).AccessKeyIds, Is.EquivalentTo(new[] { "AKID1", "AKID2" }));
    }

    [Test]
    public void Loads_an_AWS_shared_credentials_file()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("credentials"), "[default]\naws_access_key_id = AKID1\naws_secret_access_key = one\n[ci]\naws_access_key_id=AKID2\naws_secret_access_key=two\n");
        Assert.That(ServerCredentials.Load(folder.File("credentials")).AccessKeyIds, Is.EquivalentTo(new[] { "AKID1", "AKID2" }));
    }

    [Test]
    public void Names_the_file_and_line_of_a_bad_entry()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("keys"), "AKID1:one\nbroken\n");
        var error = Assert.Throws<FormatException>(() => ServerCredentials.Load(folder.File("keys")))!;
        Assert.That(error.Message, Does.StartWith($"{folder.File("keys")}:2: expected KEY:SECRET"));
    }
}
