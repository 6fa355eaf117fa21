using ScribeActors.Abstractions;
using ScribeActors.Agent.Secrets;

namespace ScribeActors.Agent.Tests.Secrets;

public sealed class SecretUsageTests
{
    [Fact]
    public void Names_ObjectiveAndRecordedSteps_DistinctInOrder()
    {
        var spec = new WorkflowSpec
        {
            Objective = "Sign in as alice with {{secret:portal_pw}}",
            StartUrl = "http://s.test/",
            StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
            {
                Objective = "o",
                StartUrl = "http://s.test/",
                Steps =
                [
                    new RecordedStep { Description = "Type \"{{secret:PORTAL_PW}}\"", Action = StepActions.Type, Value = "{{secret:PORTAL_PW}}" },
                    new RecordedStep { Description = "Type the code", Action = StepActions.Type, Value = "{{secret:otp_seed}}" },
                ],
            }),
        };

        Assert.Equal(["portal_pw", "otp_seed"], SecretUsage.Names(spec));
    }

    [Fact]
    public void Names_ModelWorkflow_ObjectiveOnly() =>
        Assert.Equal(["k"], SecretUsage.Names(new WorkflowSpec { Objective = "Use {{secret:k}}", StartUrl = "http://s.test/", StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "m" }) }));
}
