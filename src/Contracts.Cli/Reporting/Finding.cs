using System;
using System.IO;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Reporting
{
    /// <summary>
    /// One line of a report, whatever produced it (a parse diagnostic, an incompatibility, a lock check, a lint
    /// rule): the rule id, its severity, what is wrong, how to fix it, and where (a path relative to the current
    /// directory when possible, one-based line and column).
    /// </summary>
    /// <param name="RuleId">The catalog id, e.g. <c>CTR2001</c>.</param>
    /// <param name="Severity">Error (fails the run), warning or info.</param>
    /// <param name="Message">What is wrong.</param>
    /// <param name="Fix">How to fix it, when the rule says so separately from the message.</param>
    /// <param name="Note">Extra context, e.g. the reviewed entry that accepts a break.</param>
    /// <param name="Path">The file, as shown to the user.</param>
    /// <param name="Line">One-based line.</param>
    /// <param name="Column">One-based column.</param>
    /// <param name="EndLine">One-based end line.</param>
    /// <param name="EndColumn">One-based end column.</param>
    internal sealed record Finding(string RuleId, DiagnosticSeverity Severity, string Message, string? Fix, string? Note, string Path, int Line, int Column, int EndLine, int EndColumn)
    {
        /// <summary>The catalog title of the rule.</summary>
        public string Title => DiagnosticCatalog.Get(RuleId).Title;

        /// <summary>The rule's help page.</summary>
        public string HelpUri => DiagnosticCatalog.HelpLinkFor(RuleId);

        /// <summary><c>error</c>, <c>warning</c> or <c>info</c>.</summary>
        public string SeverityName => SeverityText(Severity);

        public static string SeverityText(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
    }

    /// <summary>Turns paths relative to the schemas folder (or absolute) into paths relative to the current directory.</summary>
    internal sealed class DisplayPaths
    {
        private readonly string _baseFolder;
        private readonly string _currentDirectory;

        public DisplayPaths(string baseFolder)
        {
            _baseFolder = System.IO.Path.GetFullPath(baseFolder);
            _currentDirectory = Directory.GetCurrentDirectory();
        }

        public string Show(string path)
        {
            try
            {
                var full = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(_baseFolder, path));
                var relative = System.IO.Path.GetRelativePath(_currentDirectory, full);
                return relative.Replace('\\', '/');
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return path;
            }
        }

        public Finding From(SchemaDiagnostic diagnostic, string? fix = null, string? note = null)
        {
            var at = diagnostic.Location;
            return new Finding(diagnostic.Id, diagnostic.Severity, diagnostic.Message, fix, note, Show(at.Path), Math.Max(1, at.Line), Math.Max(1, at.Column), Math.Max(1, at.EndLine), Math.Max(1, at.EndColumn));
        }
    }
}
