namespace AiFlow.Domain.Runs;

public enum RunTrigger { Console, Api, Schedule, Replay, TestRun }
