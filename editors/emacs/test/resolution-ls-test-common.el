;;; resolution-ls-test-common.el --- Helpers for the resolution-ls tests  -*- lexical-binding: t; -*-

;;; Commentary:

;; Shared by the ERT tests of resolution-ls.el: where the server binary
;; and the fixture draft are, a scratch copy of the draft, and waiting
;; (in batch mode) for a condition while the server's output is read
;; and timers run.
;;
;; Environment:
;;   RESOLUTION_LS_BIN      the server binary (default: target/debug/resolution-ls
;;                          of the repository holding this file)
;;   RESOLUTION_LS_TIMEOUT  seconds to wait for the server (default 30)

;;; Code:

(require 'ert)
(require 'ert-x)
(require 'cl-lib)
(require 'package)

;; In batch mode the autoloads of installed packages (markdown-mode,
;; lsp-mode, Eglot from Debian's elpa-* packages) are not active.
(package-activate-all)

(defconst resolution-ls-test-repo
  (expand-file-name "../../.."
                    (file-name-directory (or load-file-name buffer-file-name)))
  "The root of the resolution-ls repository.")

(defconst resolution-ls-test-bin
  (let ((env (getenv "RESOLUTION_LS_BIN")))
    (expand-file-name (if (and env (not (string-empty-p env)))
                          env
                        "target/debug/resolution-ls")
                      resolution-ls-test-repo))
  "The resolution-ls server binary the tests run.")

(defconst resolution-ls-test-fixture
  (expand-file-name "tests/fixtures/drafts/ccpcj-21-3.md" resolution-ls-test-repo)
  "A real draft with exactly two ibid-style problems (footnotes 12 and 13).")

(defconst resolution-ls-test-timeout
  (string-to-number (or (getenv "RESOLUTION_LS_TIMEOUT") "30"))
  "Seconds to wait for the server before a test fails.")

(defconst resolution-ls-test-ibid-fix-title "Write every Ibid. as *Ibid.*"
  "The title of the ibid-style quick fix.")

(defvar resolution-ls-test-scratch
  (make-temp-file "resolution-ls-emacs-test-" t)
  "A directory for the tests' files, removed when Emacs exits.")

(add-hook 'kill-emacs-hook
          (lambda () (delete-directory resolution-ls-test-scratch t)))

(defun resolution-ls-test-check-binary ()
  "Fail unless the server binary exists."
  (unless (file-executable-p resolution-ls-test-bin)
    (error "No resolution-ls binary at %s (cargo build -p resolution-ls, or set RESOLUTION_LS_BIN)"
           resolution-ls-test-bin)))

(defun resolution-ls-test-copy-draft (&optional name)
  "Copy the fixture draft to a fresh directory as NAME; return its path.
NAME defaults to ccpcj-21-3.res.md, a name `resolution-mode' claims."
  (let* ((dir (make-temp-file
               (expand-file-name "draft-" resolution-ls-test-scratch) t))
         (file (expand-file-name (or name "ccpcj-21-3.res.md") dir)))
    (copy-file resolution-ls-test-fixture file)
    (file-truename file)))

(defconst resolution-ls-test-notes-text
  "# Notes

*Recalling* what was said, an italic word at the start of a paragraph
and a footnote<sup>1</sup> do not make a draft.

1. A numbered list.

<sup>1</sup> A note.
"
  "A Markdown file that is no draft, though it looks a little like one.")

(defun resolution-ls-test-write-file (name text)
  "Write TEXT to a fresh directory as NAME; return its path."
  (let* ((dir (make-temp-file
               (expand-file-name "notes-" resolution-ls-test-scratch) t))
         (file (expand-file-name name dir)))
    (with-temp-file file (insert text))
    (file-truename file)))

(defconst resolution-ls-test-missing-bin "/nonexistent/bin/resolution-ls"
  "A server program that is not there.")

(defun resolution-ls-test-wait (what predicate &optional seconds)
  "Wait until PREDICATE gives non-nil, and return that value.
Reads process output and runs timers (idle ones too, as the command
loop would) meanwhile.  Fails the test, naming WHAT, after SECONDS
\(default `resolution-ls-test-timeout')."
  (let ((deadline (+ (float-time) (or seconds resolution-ls-test-timeout)))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (ert-run-idle-timers))
    (or value
        (ert-fail (list (format "Timed out after %ss waiting for %s"
                                (or seconds resolution-ls-test-timeout) what))))))

(defun resolution-ls-test-settle (seconds)
  "Read process output and run timers for SECONDS."
  (let ((deadline (+ (float-time) seconds)))
    (while (< (float-time) deadline)
      (accept-process-output nil 0.05)
      (ert-run-idle-timers))))

(defun resolution-ls-test-count (regexp)
  "Count the matches of REGEXP in the current buffer."
  (save-excursion
    (goto-char (point-min))
    (let ((n 0))
      (while (re-search-forward regexp nil t) (cl-incf n))
      n)))

(defun resolution-ls-test-roman-ibids ()
  "Count the roman (non-italic) Ibid.s in the current buffer."
  (- (resolution-ls-test-count "Ibid\\.") (resolution-ls-test-count "\\*Ibid\\.\\*")))

(provide 'resolution-ls-test-common)
;;; resolution-ls-test-common.el ends here
