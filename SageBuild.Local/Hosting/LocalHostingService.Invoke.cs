
namespace SageBuild.Local.Hosting;

internal sealed partial class LocalHostingService
{
    /// <summary>
    /// Routes one invocation (SageMaker Runtime's InvokeEndpoint) to the endpoint's current deployment and returns the
    /// container's answer with the variant that gave it.
    /// </summary>
    /// <exception cref="InvocationException">The endpoint, variant or container cannot take the request.</exception>
    public async Task<(ContainerResponse Response, string Variant)> InvokeAsync(
        string endpointName, byte[] body, string? contentType, string? accept, string? customAttributes, string? targetVariant, string? targetContainer,
        CancellationToken cancellationToken)
    {
        if (!_endpoints.TryGetValue(endpointName, out var endpoint))
            throw new InvocationException(400, "ValidationError", $"Endpoint {endpointName} of account {context.Options.AccountId} not found.");
        var waitedForRestore = false;
        while (true)
        {
            var shift = endpoint.Shift;
            var deployment = shift is not null && Random.Shared.NextDouble() < shift.Share ? shift.Next : endpoint.Active;
            if (deployment is null)
            {
                string status;
                lock (endpoint.Gate)
                    status = endpoint.Status;
                if (status == "SystemUpdating" && !waitedForRestore)
                {
                    // Being brought back after a restart: the request waits for it rather than failing.
                    waitedForRestore = true;
                    await endpoint.Operation.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                throw new InvocationException(400, "ValidationError", $"Endpoint {endpointName} is not in service (its status is {status}).");
            }

            // A retired deployment refuses the lease; by then the endpoint already points at its successor.
            if (!deployment.TryAcquire())
                continue;
            try
            {
                var variant = deployment.Pick(targetVariant)
                    ?? throw new InvocationException(400, "ValidationError", $"Variant {targetVariant} is not a production variant of endpoint {endpointName}.");
                try
                {
                    var response = await variant.Next().InvokeAsync(body, contentType, accept, customAttributes, targetContainer, cancellationToken);
                    if (response.IsSuccess)
                        deployment.Capture?.Record(endpointName, variant.Spec.VariantName, body, contentType, response, context.Now);
                    return (response, variant.Spec.VariantName);
                }
                catch (HttpRequestException e)
                {
                    throw new InvocationException(500, "InternalFailure", $"The model container of variant {variant.Spec.VariantName} could not be reached: {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new InvocationException(424, "ModelError", $"The model container of variant {variant.Spec.VariantName} did not answer within 60 seconds.");
                }
            }
            finally
            {
                deployment.Release();
            }
        }
    }

    /// <summary>Whether an endpoint of that name exists.</summary>
    public bool HasEndpoint(string name) => _endpoints.ContainsKey(name);

}
