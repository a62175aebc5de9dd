using BenchmarkDotNet.Running;
using SageBuild.Benchmarks.Jsonata;

// dotnet run -c Release --project SageBuild.Benchmarks -- --filter '*Jsonata*'
// dotnet run -c Release --project SageBuild.Benchmarks -- jsonata-node   (the node peer of the JSONata benchmark)
if (args.Length > 0 && args[0] == "jsonata-node")
{
    Console.WriteLine(JsonataNodePeer.Measure());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
