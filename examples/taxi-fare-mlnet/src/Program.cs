using TaxiFare;

// SageMaker starts a model image with one argument: "train" or "serve".
var paths = SageMakerPaths.FromEnvironment();
return args switch
{
    ["train"] => TrainCommand.Run(paths),
    ["serve"] => await ServeCommand.RunAsync(paths),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: TaxiFare train | serve   (paths come from the SM_* variables, as in SageMaker)");
    return 2;
}
