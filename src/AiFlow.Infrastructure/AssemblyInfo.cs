[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("AiFlow.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("AiFlow.Bench")]
