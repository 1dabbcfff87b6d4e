using System;

namespace Contracts.Cli.Check
{
    /// <summary>
    /// An input the command cannot work with (a missing folder, an unknown baseline, a corrupt lock file): reported
    /// as one line and exit code 2, never as a stack trace.
    /// </summary>
    internal sealed class InputError : Exception
    {
        public InputError(string message) : base(message)
        {
        }
    }
}
