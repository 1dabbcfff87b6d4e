using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Contracts.Schema.Repository;

namespace Contracts.Cli.Check
{
    /// <summary>
    /// The schemas folder as it is at a git revision, read from the object store with the git CLI (no checkout, no
    /// change to the work tree): <c>git rev-parse</c> resolves the revision, <c>git ls-tree -r</c> lists the folder's
    /// files at it, and one <c>git cat-file --batch</c> process reads them all.
    /// </summary>
    internal static class GitBaseline
    {
        /// <summary>
        /// The schema and settings files under <paramref name="schemasFolder"/> at <paramref name="revision"/> (any
        /// branch, remote branch, tag or commit), with paths relative to the folder.
        /// </summary>
        public static IReadOnlyList<SchemaFileText> Read(string schemasFolder, string revision)
        {
            if (revision.Length == 0 || revision.StartsWith("-", StringComparison.Ordinal))
            {
                throw new InputError($"'{revision}' is not a git revision; give a branch, tag or commit (e.g. --against origin/main)");
            }
            var top = Run(schemasFolder, new[] { "rev-parse", "--show-toplevel" });
            if (top.ExitCode != 0)
            {
                throw new InputError($"--against {revision}: '{schemasFolder}' is not inside a git repository; give a lock file (--against schemas.lock.json) or run in a clone");
            }
            var prefix = Run(schemasFolder, new[] { "rev-parse", "--show-prefix" }).Output.Trim();
            var commit = Run(schemasFolder, new[] { "rev-parse", "--verify", "--quiet", revision + "^{commit}" });
            if (commit.ExitCode != 0)
            {
                throw new InputError($"the baseline '{revision}' is not a branch, tag or commit of this repository (in CI, fetch it first: git fetch origin main)");
            }
            var sha = commit.Output.Trim();
            var root = top.Output.Trim();
            var args = new List<string> { "ls-tree", "-r", "-z", "--full-tree", sha };
            if (prefix.Length > 0)
            {
                args.Add("--");
                args.Add(prefix);
            }
            var tree = Run(root, args);
            if (tree.ExitCode != 0) throw new InputError($"cannot list the files of '{revision}': {FirstLine(tree.Error)}");

            var wanted = new List<(string Path, string ObjectId)>();
            foreach (var entry in tree.Output.Split('\0'))
            {
                // <mode> SP <type> SP <object> TAB <path>
                var tab = entry.IndexOf('\t');
                if (tab < 0) continue;
                var fields = entry.Substring(0, tab).Split(' ');
                var path = entry.Substring(tab + 1);
                if (fields.Length < 3 || fields[1] != "blob" || !path.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var relative = path.Substring(prefix.Length);
                if (SchemaRepository.IsSchemaFile(relative) || SchemaRepository.IsSettingsFile(relative)) wanted.Add((relative, fields[2]));
            }
            if (wanted.Count == 0) return Array.Empty<SchemaFileText>();
            return ReadBlobs(root, wanted);
        }

        private static IReadOnlyList<SchemaFileText> ReadBlobs(string root, List<(string Path, string ObjectId)> wanted)
        {
            // --buffer: git flushes once at the end instead of after every object (thousands of small writes otherwise).
            var start = Start(root, new[] { "cat-file", "--batch", "--buffer" });
            using var process = StartProcess(start);
            // Feed the ids while reading, so neither pipe fills up and blocks the other side.
            var feed = Task.Run(() =>
            {
                var input = new StringBuilder();
                foreach (var item in wanted) input.Append(item.ObjectId).Append('\n');
                var bytes = Encoding.ASCII.GetBytes(input.ToString());
                process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
                process.StandardInput.Close();
            });
            var errors = process.StandardError.ReadToEndAsync();
            var stream = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
            var files = new List<SchemaFileText>(wanted.Count);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
            foreach (var item in wanted)
            {
                // <object> SP <type> SP <size> LF <contents> LF
                var header = ReadLine(stream) ?? throw new InputError($"git cat-file stopped early: {FirstLine(errors.Result)}");
                var parts = header.Split(' ');
                if (parts.Length != 3 || !int.TryParse(parts[2], out var size)) throw new InputError($"cannot read {item.Path} from git: {header}");
                var content = new byte[size];
                var read = 0;
                while (read < size)
                {
                    var n = stream.Read(content, read, size - read);
                    if (n == 0) throw new InputError($"cannot read {item.Path} from git: the output ended early");
                    read += n;
                }
                stream.ReadByte();
                var text = utf8.GetString(content);
                files.Add(new SchemaFileText(item.Path, text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text));
            }
            feed.Wait();
            process.WaitForExit();
            return files;
        }

        private static string? ReadLine(Stream stream)
        {
            var bytes = new List<byte>(64);
            while (true)
            {
                var b = stream.ReadByte();
                if (b < 0) return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
                if (b == '\n') return Encoding.ASCII.GetString(bytes.ToArray());
                bytes.Add((byte)b);
            }
        }

        private sealed record GitResult(int ExitCode, string Output, string Error);

        private static GitResult Run(string workingDirectory, IEnumerable<string> args)
        {
            using var process = StartProcess(Start(workingDirectory, args));
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new GitResult(process.ExitCode, output, error.Result);
        }

        private static ProcessStartInfo Start(string workingDirectory, IEnumerable<string> args)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            // Paths as they are (no octal quoting), and no prompt for credentials or a pager.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("core.quotePath=false");
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            start.Environment["GIT_PAGER"] = "cat";
            return start;
        }

        private static Process StartProcess(ProcessStartInfo start)
        {
            try
            {
                return Process.Start(start) ?? throw new InputError("cannot start git");
            }
            catch (Win32Exception)
            {
                throw new InputError("--against <ref> needs git on PATH; install git or give a lock file (--against schemas.lock.json)");
            }
        }

        private static string FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
    }
}
