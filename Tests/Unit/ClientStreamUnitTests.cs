using OrleansNlp.Clients;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Clients;
using OrleansNlp.WebFrontend.Live;

namespace OrleansNlp.Tests;

/// <summary>The pieces of per-client streams that need no cluster: keys, ids, the batch digest, the state and the
/// per-watcher version check.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ClientStreamUnitTests
{
    [Fact]
    public void StreamKeys_OfTwoOwners_OrOfAnOwnerAndNone_NeverCollide()
    {
        var keys = new[]
        {
            ClientStreams.KeyOf(null, "app"), ClientStreams.KeyOf("alice", "app"), ClientStreams.KeyOf("bob", "app"),
            ClientStreams.KeyOf("alice/app", "x"), ClientStreams.KeyOf("alice", "app.x"),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(ClientStreams.ForClient("alice", "app"), ClientStreams.ForKey(ClientStreams.KeyOf("alice", "app")));
        Assert.NotEqual(ClientStreams.ForClient("alice", "app"), ClientStreams.ForClient("bob", "app"));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("app-1.user_2:tab-3", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("owner/app", false)]
    [InlineData("é", false)]
    public void ClientIds_AreLettersDigitsAndDashUnderscoreDotColon(string clientId, bool valid)
    {
        Assert.Equal(valid, ClientIds.IsValid(clientId));
    }

    [Fact]
    public void ClientIds_AreAtMost128Characters()
    {
        Assert.True(ClientIds.IsValid(new string('c', 128)));
        Assert.False(ClientIds.IsValid(new string('c', 129)));
    }

    [Fact]
    public void ABatchsClientId_GoesToEveryJob_AndChangesTheDigest_WhileABatchWithoutOneKeepsItsDigest()
    {
        var plain = new BatchRequest(["one", "two"], Owner: "alice");
        var withClient = plain with { ClientId = "app" };

        Assert.Equal(new[] { "app", "app" }, new[] { withClient.JobFor("b", 0).ClientId!, withClient.JobFor("b", 1).ClientId! });
        Assert.Null(plain.JobFor("b", 0).ClientId);
        Assert.NotEqual(plain.Digest(), withClient.Digest());
        Assert.NotEqual(withClient.Digest(), (plain with { ClientId = "other" }).Digest());
        // The digest of a batch without a clientId is the one stored before clientIds existed.
        Assert.Equal("e045cb00bea512b6a39dc8d8c2f30f260009c00a40275848127a2c482d38bedd", plain.Digest());
    }

    [Fact]
    public void ClientJobsState_ListsEachJobOnce_InTheOrderTold()
    {
        var state = new ClientJobsState();

        Assert.True(state.Add("j1"));
        Assert.True(state.Add("j2"));
        Assert.False(state.Add("j1"));
        Assert.Equal(["j1", "j2"], state.JobIds);
        Assert.True(state.Remove("j1"));
        Assert.False(state.Remove("j1"));
        Assert.Equal(["j2"], state.JobIds);
    }

    [Fact]
    public void AWatcher_TakesEachJobsVersionsOnlyUpwards_AndForgetsAJobAtItsFinalEvent()
    {
        var watcher = ClientWatcher.ForChannel();

        Assert.True(watcher.Take("j1", 3, final: false));
        Assert.False(watcher.Take("j1", 3, final: false));
        Assert.False(watcher.Take("j1", 2, final: false));
        Assert.True(watcher.Take("j2", 1, final: false));
        Assert.True(watcher.Take("j1", 4, final: false));
        Assert.True(watcher.Take("j1", 5, final: true));
        Assert.Equal(["j2"], watcher.Sent.Keys);
    }
}
