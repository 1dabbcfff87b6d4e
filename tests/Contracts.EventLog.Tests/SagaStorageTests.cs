using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Persistence.Sagas;
using Wolverine.Runtime;

namespace Contracts.EventLog.Tests;

public sealed record StartCounter(Guid Id);
public sealed record Increment([property: SagaIdentity] Guid CounterId);
public sealed record StartIntSaga(int Id, string Name);
public sealed record RenameIntSaga([property: SagaIdentity] int SagaId, string Name);
public sealed record StartLongSaga(long Id, string Name);
public sealed record RenameLongSaga([property: SagaIdentity] long SagaId, string Name);
public sealed record FinishLongSaga([property: SagaIdentity] long SagaId);

public sealed class CounterSaga : Saga
{
    public Guid Id { get; set; }

    public int Count { get; set; }

    /// <summary>Added "after" rows were written without it: old rows load with this default.</summary>
    public string Label { get; set; } = "none";

    public static CounterSaga Start(StartCounter start) => new() { Id = start.Id };

    public async Task Handle(Increment increment)
    {
        var seen = Count;
        await Task.Yield(); // widen the window between read and write
        Count = seen + 1;
    }
}

public sealed class IntSaga : Saga
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public static IntSaga Start(StartIntSaga start) => new() { Id = start.Id, Name = start.Name };

    public void Handle(RenameIntSaga rename) => Name = rename.Name;
}

public sealed class LongSaga : Saga
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public static LongSaga Start(StartLongSaga start) => new() { Id = start.Id, Name = start.Name };

    public void Handle(RenameLongSaga rename) => Name = rename.Name;

    public void Handle(FinishLongSaga finish) => MarkCompleted();
}

/// <summary>Saga storage: ids, concurrency, evolvable state.</summary>
public abstract class SagaStorageTests<TStore> : IAsyncLifetime where TStore : StoreTarget, new()
{
    private readonly TStore _database = new();
    private IHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(_database, options =>
        {
            options.Discovery.IncludeType(typeof(CounterSaga)).IncludeType(typeof(IntSaga)).IncludeType(typeof(LongSaga));
            // Several threads per queue, so messages for one saga really run at the same time.
            options.Policies.AllLocalQueues(queue => queue.MaximumParallelMessages(8));
        });

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task concurrent_messages_for_one_saga_never_lose_an_update()
    {
        var id = Guid.NewGuid();
        await PublishAsync(new StartCounter(id));
        await Eventually.UntilAsync(async () => await CountAsync(id) == 0, "the counter saga to start");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => PublishAsync(new Increment(id))));

        await Eventually.UntilAsync(async () => await CountAsync(id) == 200, "200 increments to be applied", TimeSpan.FromSeconds(60));
        Assert.Equal(201, await _database.ScalarAsync("SELECT version FROM contracts_sagas WHERE id = @id;", ("@id", id.ToString("D"))));
    }

    [Fact]
    public async Task int_long_and_guid_ids_store_load_update_and_delete()
    {
        await PublishAsync(new StartIntSaga(42, "first"));
        await PublishAsync(new StartLongSaga(9_000_000_000L, "first"));
        await Eventually.UntilAsync(async () => await NameAsync(typeof(IntSaga), "42") == "first", "the int saga to start");
        await Eventually.UntilAsync(async () => await NameAsync(typeof(LongSaga), "9000000000") == "first", "the long saga to start");

        await PublishAsync(new RenameIntSaga(42, "second"));
        await PublishAsync(new RenameLongSaga(9_000_000_000L, "second"));
        await Eventually.UntilAsync(async () => await NameAsync(typeof(IntSaga), "42") == "second", "the int saga to be updated");
        await Eventually.UntilAsync(async () => await NameAsync(typeof(LongSaga), "9000000000") == "second", "the long saga to be updated");

        await PublishAsync(new FinishLongSaga(9_000_000_000L));
        await Eventually.UntilAsync(async () => await _database.ScalarAsync(
            "SELECT count(*) FROM contracts_sagas WHERE saga_type = @type;", ("@type", typeof(LongSaga).FullName!)) == 0, "the completed long saga to be deleted");
    }

    [Fact]
    public async Task a_row_written_before_a_property_was_added_still_loads()
    {
        var id = Guid.NewGuid();
        // A row as an older CounterSaga (no Label, and a member the class no longer has) wrote it.
        await _database.InsertSagaRowAsync(typeof(CounterSaga).FullName!, id.ToString("D"), "{\"Id\":\"" + id.ToString("D") + "\",\"Count\":7,\"Retired\":true}", 3);

        await PublishAsync(new Increment(id));

        await Eventually.UntilAsync(async () => await CountAsync(id) == 8, "the old row to load and update");
        Assert.Equal(4, await _database.ScalarAsync("SELECT version FROM contracts_sagas WHERE id = @id;", ("@id", id.ToString("D"))));
        Assert.Equal(1, await _database.ScalarAsync($"SELECT count(*) FROM contracts_sagas WHERE id = @id AND {_database.JsonField("state", "Label")} = 'none';", ("@id", id.ToString("D"))));
    }

    [Fact]
    public async Task an_update_of_a_stale_saga_raises_a_concurrency_exception_and_commits_nothing()
    {
        var runtime = _host.Services.GetRequiredService<IWolverineRuntime>();
        var support = (ISagaSupport)runtime.Storage;
        var id = Guid.NewGuid();
        await using (var storage = await support.EnrollAndFetchSagaStorage<Guid, CounterSaga>(new MessageContext(runtime)))
        {
            await storage.InsertAsync(new CounterSaga { Id = id, Count = 1 }, CancellationToken.None);
            await storage.SaveChangesAsync(CancellationToken.None);
        }

        await using (var storage = await support.EnrollAndFetchSagaStorage<Guid, CounterSaga>(new MessageContext(runtime)))
        {
            var saga = (await storage.LoadAsync(id, CancellationToken.None))!;
            Assert.Equal(1, saga.Version);
            saga.Count = 99;
            saga.Version = 0; // as if another handler had saved it since this one loaded it
            await Assert.ThrowsAsync<SagaConcurrencyException>(() => storage.UpdateAsync(saga, CancellationToken.None));
        }

        Assert.Equal(1, await CountAsync(id));
    }

    private async Task PublishAsync(object message)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
    }

    private async Task<long> CountAsync(Guid id)
    {
        var exists = await _database.ScalarAsync("SELECT count(*) FROM contracts_sagas WHERE id = @id;", ("@id", id.ToString("D")));
        return exists == 0 ? -1 : await _database.ScalarAsync($"SELECT {_database.JsonField("state", "Count")} FROM contracts_sagas WHERE id = @id;", ("@id", id.ToString("D")));
    }

    private Task<string?> NameAsync(Type sagaType, string id) =>
        _database.TextAsync($"SELECT {_database.JsonField("state", "Name")} FROM contracts_sagas WHERE saga_type = @type AND id = @id;",
            ("@type", sagaType.FullName!), ("@id", id));
}

public sealed class SqliteSagaStorageTests : SagaStorageTests<SqliteStore>;

public sealed class PostgresSagaStorageTests : SagaStorageTests<PostgresStore>;
