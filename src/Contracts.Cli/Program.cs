using System;
using Contracts.Cli;

return ContractsCli.Run(args, Console.Out, Console.Error);
