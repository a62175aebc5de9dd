using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

public sealed class DistributedMapRuleTests
{
    private static IReadOnlyList<DefinitionError> Map(string fields, string config = "'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'") =>
        Asl.Errors(Asl.Machine($"'A':{{'Type':'Map',{fields}'ItemProcessor':{{'ProcessorConfig':{{{config}}},'StartAt':'I','States':{{'I':{{'Type':'Succeed'}}}}}},'End':true}}"));

    [Test]
    public void Accepts_a_CSV_reader_and_an_S3_writer() =>
        Assert.That(Map(
            "'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'GIVEN','CSVHeaders':['a','b'],'MaxItems':10}," +
            "'Parameters':{'Bucket':'b','Key':'k'}},'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'b','Prefix':'p'},'WriterConfig':{'OutputType':'JSONL','Transformation':'COMPACT'}},"),
            Is.Empty);

    [TestCase("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'XML'}},", "/States/A/ItemReader/ReaderConfig/InputType")]
    [TestCase("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'Delimiter':'COMMA'}},", "/States/A/ItemReader/ReaderConfig/Delimiter")]
    [TestCase("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'GIVEN'}},", "/States/A/ItemReader/ReaderConfig")]
    [TestCase("'ResultWriter':{'Parameters':{'Bucket':'b'}},", "/States/A/ResultWriter")]
    [TestCase("'ResultWriter':{'WriterConfig':{'OutputType':'CSV'}},", "/States/A/ResultWriter/WriterConfig/OutputType")]
    public void Reports_a_configuration_AWS_refuses(string fields, string pointer) =>
        Assert.That(Asl.Found(Map(fields)), Does.Contain($"{pointer} {DefinitionErrorCodes.SchemaValidationFailed}"));

    [Test]
    public void Reports_a_distributed_processor_without_an_execution_type() =>
        Assert.That(Asl.Found(Map("", "'Mode':'DISTRIBUTED'")),
            Is.EqualTo(new[] { $"/States/A/ItemProcessor/ProcessorConfig {DefinitionErrorCodes.SchemaValidationFailed}" }));
}
