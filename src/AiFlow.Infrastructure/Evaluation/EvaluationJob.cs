using Quartz;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>One Quartz job per evaluation on the runs' cluster. It requests recovery: if its node dies another node re-fires it and the executor resumes.</summary>
[DisallowConcurrentExecution]
public sealed class EvaluationJob(EvaluationExecutor executor) : IJob
{
    public const string Group = "evaluations";
    public const string EvaluationIdKey = "evaluationId";

    public static JobKey KeyFor(Guid evaluationId) => new(evaluationId.ToString("N"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(context.MergedJobDataMap.GetString(EvaluationIdKey)!);
        await executor.ExecuteAsync(id, cancellationToken);
    }

    public static IJobDetail Detail(Guid evaluationId) => JobBuilder.Create<EvaluationJob>()
        .WithIdentity(KeyFor(evaluationId))
        .UsingJobData(EvaluationIdKey, evaluationId.ToString())
        .RequestRecovery()
        .Build();

    public static ITrigger Trigger(Guid evaluationId) => TriggerBuilder.Create()
        .WithIdentity(evaluationId.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8], Group)
        .ForJob(KeyFor(evaluationId))
        .StartNow()
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();
}
