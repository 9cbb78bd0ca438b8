[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("AiFlow.Tests")]
