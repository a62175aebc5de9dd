using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SageBuild.Functions.Naming;

/// <summary>
/// The deterministic names of a build's SageMaker resources. Each starts with the stack's prefix (so the pipeline's IAM
/// can be scoped to it) and fits SageMaker's limits: a name that would be too long keeps its start and ends with a
/// hash of the whole name, so two long names never collide.
/// </summary>
public static partial class ResourceNames
{
    /// <summary>The most characters of a training job, model, endpoint config or endpoint name.</summary>
    public const int MaxLength = 63;

    /// <summary>The most characters of a hyperparameter tuning job's name.</summary>
    public const int MaxTuningJobLength = 32;

    /// <summary>The longest prefix: the rest of a tuning job's name needs the remaining characters.</summary>
    public const int MaxPrefixLength = 20;

    private const int HashLength = 8;

    /// <summary>The names of build <paramref name="build"/> of the stack whose names start with <paramref name="prefix"/>.</summary>
    public static BuildNames For(string prefix, long build)
    {
        CheckPrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(build);
        var number = build.ToString(CultureInfo.InvariantCulture);
        return new BuildNames(
            prefix,
            Fit($"{prefix}{number}-train", MaxLength),
            Fit($"{prefix}{number}-tune", MaxTuningJobLength),
            Fit($"{prefix}{number}-model", MaxLength),
            Fit($"{prefix}{number}-config", MaxLength));
    }

    /// <summary><paramref name="name"/> when it fits in <paramref name="maxLength"/>; else its start, a hyphen and a hash of the whole.</summary>
    public static string Fit(string name, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= maxLength)
            return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..HashLength];
        return name[..(maxLength - HashLength - 1)].TrimEnd('-') + "-" + hash;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="prefix"/> cannot start SageMaker names.</summary>
    public static void CheckPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!PrefixPattern().IsMatch(prefix))
            throw new ArgumentException($"the name prefix '{prefix}' must be 1 to {MaxPrefixLength} letters, digits and hyphens, start with a letter or digit, and end with a hyphen (such as 'sagebuild-dev-')", nameof(prefix));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,18}-$")]
    private static partial Regex PrefixPattern();
}
