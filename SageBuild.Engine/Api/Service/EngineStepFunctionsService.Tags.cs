using System.Collections.Immutable;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Service;

/// <summary>TagResource, UntagResource, ListTagsForResource on state machines.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    public Task<TagResourceOutput> TagResourceAsync(TagResourceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (_catalog)
        {
            var (info, extras) = Tagged(input.ResourceArn);
            var tags = extras.Tags.SetItems(input.Tags.Select(t => KeyValuePair.Create(t.Key!, t.Value ?? string.Empty)));
            if (tags.Count > MaxTags)
                throw new StepFunctionsException(StepFunctionsErrorCodes.TooManyTags, $"Too many tags: {tags.Count} (at most {MaxTags})");
            Keep(info.StateMachineArn, extras with { Tags = tags });
        }

        return Task.FromResult(new TagResourceOutput());
    }

    /// <inheritdoc />
    public Task<UntagResourceOutput> UntagResourceAsync(UntagResourceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (_catalog)
        {
            var (info, extras) = Tagged(input.ResourceArn);
            Keep(info.StateMachineArn, extras with { Tags = extras.Tags.RemoveRange(input.TagKeys) });
        }

        return Task.FromResult(new UntagResourceOutput());
    }

    /// <inheritdoc />
    public Task<ListTagsForResourceOutput> ListTagsForResourceAsync(ListTagsForResourceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ImmutableSortedDictionary<string, string> tags;
        lock (_catalog)
            tags = Tagged(input.ResourceArn).Extras.Tags;
        return Task.FromResult(new ListTagsForResourceOutput { Tags = [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })] });
    }

    /// <summary>The state machine a tag call names; activities can be tagged on AWS, but this engine has none.</summary>
    private (StateMachineInfo Info, StateMachineExtras Extras) Tagged(string resourceArn)
    {
        StepFunctionsArn.Parse(resourceArn, StepFunctionsResourceType.StateMachine, StepFunctionsResourceType.Activity);
        var info = _engine.FindStateMachine(resourceArn) ?? throw StepFunctionsErrors.ResourceNotFound(resourceArn);
        return (info, ExtrasOf(info));
    }
}
