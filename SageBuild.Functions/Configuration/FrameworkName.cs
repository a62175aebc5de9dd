namespace SageBuild.Functions.Configuration;

/// <summary>What trains and serves the model.</summary>
public enum FrameworkName
{
    /// <summary>Your own training and inference images (bring your own Docker).</summary>
    Byod,

    /// <summary>A SageMaker built-in algorithm, such as XGBoost or Linear Learner.</summary>
    Builtin,

    /// <summary>TensorFlow script mode.</summary>
    TensorFlow,

    /// <summary>PyTorch script mode.</summary>
    PyTorch,

    /// <summary>Apache MXNet script mode.</summary>
    MXNet,

    /// <summary>scikit-learn script mode.</summary>
    SKLearn,

    /// <summary>Chainer script mode.</summary>
    Chainer,

    /// <summary>XGBoost as a framework, in script mode.</summary>
    XGBoost,
}
