// Hosts, a shared PostgreSQL cluster and a 2-core CI machine: test classes run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
