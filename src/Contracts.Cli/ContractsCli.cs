using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using Contracts.Cli.Check;
using Contracts.Cli.Compat;
using Contracts.Cli.Operations;

namespace Contracts.Cli
{
    /// <summary>The <c>contracts</c> command line: wires the commands and turns every failure into a one-line error and exit code 2.</summary>
    public static class ContractsCli
    {
        /// <summary>Exit code: the check passed.</summary>
        public const int Success = 0;

        /// <summary>Exit code: the check ran and found a problem (e.g. an incompatible schema).</summary>
        public const int CheckFailed = 1;

        /// <summary>Exit code: a usage error, an unreadable or invalid input, or an unexpected failure.</summary>
        public const int UsageError = 2;

        /// <summary>Runs the command line with <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            try
            {
                var compat = CompatCommand.Create(output, error);
                var check = CheckCommand.Create(output, error);
                var lockCommand = LockCommand.Create(output, error);
                var lint = LintCommand.Create(output, error);
                var replay = ReplayCommand.Create(output, error);
                var help = new HelpOption();
                help.Action = new HelpWithDetails((HelpAction)help.Action!, compat, (check, CheckCommand.Details), (lockCommand, LockCommand.Details), (lint, LintCommand.Details),
                    (replay, ReplayCommand.Details));
                // Named "contracts" whatever the host (dotnet Contracts.Cli.dll or the installed tool).
                var root = new Command("contracts", "Checks and operations for schema-first event contracts (Avro .avsc, JSON Schema .json).")
                {
                    help,
                    new VersionOption(),
                    compat,
                    check,
                    lockCommand,
                    lint,
                    replay,
                    LogCommand.Create(output, error),
                    DlqCommand.Create(output, error),
                };
                var parsed = root.Parse(args);
                if (parsed.Action is ParseErrorAction || (parsed.Action is null && parsed.CommandResult.Command == root))
                {
                    foreach (var parseError in parsed.Errors)
                    {
                        error.WriteLine("error: " + parseError.Message);
                    }
                    if (parsed.Errors.Count == 0) error.WriteLine("error: name a command, e.g. 'contracts compat old.avsc new.avsc'");
                    var command = parsed.CommandResult.Command == root ? "contracts" : "contracts " + parsed.CommandResult.Command.Name;
                    error.WriteLine($"Run '{command} --help' for usage.");
                    return UsageError;
                }
                return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (Exception e)
            {
                // Never a stack trace: one line that says what failed.
                error.WriteLine("error: unexpected failure: " + e.Message.Replace(Environment.NewLine, " "));
                return UsageError;
            }
        }

        private const string RootDetails = @"Schemas live in a folder (default: schemas) as <Name>.v<N>.avsc or <Name>.v<N>.schema.json.

  contracts check     the CI gate: parse errors, compatibility, published versions vs a baseline
  contracts lock      write schemas.lock.json (commit it with every new version)
  contracts lint      style rules (CTR4xxx)
  contracts compat    check given schema files (oldest first) for compatibility
  contracts replay    replay the event log into one subscription of a running service
  contracts log       tail|stats: read a service's event log
  contracts dlq       list|show|requeue|discard: a service's dead letters

Exit codes (every command): 0 clean, 1 violations found, 2 usage or input error.
Run 'contracts <command> --help' for a command's options and examples. Reference: docs/cli.md.";

        /// <summary>The standard help, then a command's longer explanation (modes, exit codes, examples).</summary>
        private sealed class HelpWithDetails : SynchronousCommandLineAction
        {
            private readonly HelpAction _standard;
            private readonly Command _compat;
            private readonly (Command Command, string Details)[] _others;

            public HelpWithDetails(HelpAction standard, Command compat, params (Command Command, string Details)[] others)
            {
                _standard = standard;
                _compat = compat;
                _others = others;
            }

            public override bool ClearsParseErrors => true;

            public override int Invoke(ParseResult parseResult)
            {
                var result = _standard.Invoke(parseResult);
                var details = parseResult.CommandResult.Command == _compat
                    ? CompatCommand.Details
                    : _others.FirstOrDefault(o => o.Command == parseResult.CommandResult.Command).Details;
                if (parseResult.CommandResult.Command.Parents.Any() is false && details is null)
                {
                    details = RootDetails;
                }
                if (details is not null)
                {
                    var output = parseResult.InvocationConfiguration.Output;
                    output.WriteLine("Details:");
                    foreach (var line in details.Split('\n').Select(l => l.TrimEnd('\r')))
                    {
                        output.WriteLine(line.Length == 0 ? "" : "  " + line);
                    }
                    output.WriteLine();
                }
                return result;
            }
        }
    }
}
