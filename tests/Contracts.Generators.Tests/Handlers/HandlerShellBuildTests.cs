using System.IO;

namespace Contracts.Generators.Tests.Handlers;

/// <summary>What a service sees in a real <c>dotnet build</c>: our CTR3005 alone, then, with the method written, a clean build.</summary>
public class HandlerShellBuildTests
{
    [Fact]
    public void a_consumed_subject_without_its_business_method_fails_the_build_with_CTR3005_only_and_builds_once_written()
    {
        var repo = BuildTests.RepoRoot();
        var folder = BuildTests.NewFolder("shell");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), BuildTests.ProjectReferenceConsumer(repo).Replace(
            "  </ItemGroup>",
            $"    <ProjectReference Include=\"{repo}/src/Contracts.Wolverine/Contracts.Wolverine.csproj\" />\n  </ItemGroup>"));
        File.WriteAllText(Path.Combine(folder, "Consumes.cs"), """
            [assembly: Contracts.ConsumesContract("com.acme.orders.OrderPlaced")]
            """);

        var missing = BuildTests.DotNet("build -c Debug -v q -nologo", folder);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Consumes.cs(1,12): error CTR3005: com.acme.orders.OrderPlaced is consumed here, but its generated handler has no business method: write "
            + "`private partial System.Threading.Tasks.Task HandleAsync(Acme.Orders.OrderPlaced message, Contracts.Wolverine.ContractMessageContext context, System.Threading.CancellationToken cancellation)` "
            + "in `public partial class Consumer.ContractHandlers.OrderPlacedHandler`", missing.Output);
        Assert.DoesNotContain("error CS", missing.Output);

        File.WriteAllText(Path.Combine(folder, "OrderPlacedHandler.cs"), """
            using System.Threading;
            using System.Threading.Tasks;
            using Acme.Orders;
            using Contracts.Wolverine;

            namespace Consumer.ContractHandlers;

            partial class OrderPlacedHandler
            {
                private partial Task HandleAsync(OrderPlaced message, ContractMessageContext context, CancellationToken cancellation) => Task.CompletedTask;
            }
            """);
        var written = BuildTests.DotNet("build -c Debug -v q -nologo", folder);
        Assert.True(written.ExitCode == 0, written.Output);
        Assert.Contains("0 Warning(s)", written.Output);
        Directory.Delete(folder, recursive: true);
    }
}
