;;; resolution-ls-lsp-mode-test.el --- resolution-ls.el with lsp-mode and the real server  -*- lexical-binding: t; -*-

;;; Commentary:

;; Opens a copy of a real draft with lsp-mode and the resolution-ls
;; binary, sees its two ibid-style diagnostics, applies a code action
;; and sees them go.  Run:
;;
;;   emacs --batch -L editors/emacs -L editors/emacs/test \
;;     -l resolution-ls-lsp-mode-test -f ert-run-tests-batch-and-exit

;;; Code:

(require 'resolution-ls-test-common)
;; resolution-ls first, lsp-mode after: the client is registered when
;; lsp-mode loads.
(require 'resolution-ls)
(require 'lsp-mode)

;; What lsp-mode needs to run unattended in batch mode.
(setq user-emacs-directory (file-name-as-directory
                            (expand-file-name "emacs.d" resolution-ls-test-scratch))
      lsp-session-file (expand-file-name "lsp-session" resolution-ls-test-scratch)
      lsp-auto-guess-root t
      lsp-client-packages nil
      lsp-restart 'ignore
      lsp-enable-snippet nil
      lsp-enable-file-watchers nil
      lsp-keep-workspace-alive nil
      lsp-modeline-code-actions-enable nil
      lsp-headerline-breadcrumb-enable nil
      lsp-log-io nil)

(defun resolution-ls-lsp-test--diagnostics ()
  "Return the diagnostics lsp-mode has for the current workspace, as a list."
  (let (all)
    (maphash (lambda (_file diagnostics) (setq all (append diagnostics all)))
             (lsp-diagnostics t))
    all))

(defun resolution-ls-lsp-test--field (object &rest keys)
  "The value at KEYS in OBJECT, a JSON object read by lsp-mode."
  (dolist (key keys object)
    (setq object (resolution-ls--get object key))))

(defun resolution-ls-lsp-test--lines (diagnostics)
  "The 1-based start lines of DIAGNOSTICS, sorted."
  (sort (mapcar (lambda (d) (1+ (resolution-ls-lsp-test--field d "range" "start" "line")))
                diagnostics)
        #'<))

(defun resolution-ls-lsp-test--codes (diagnostics)
  "The rule ids of DIAGNOSTICS, without duplicates."
  (delete-dups (mapcar (lambda (d) (resolution-ls-lsp-test--field d "code")) diagnostics)))

(defvar resolution-ls-lsp-test--name nil
  "The name of the draft's copy, when not ccpcj-21-3.res.md.")

(defmacro resolution-ls-lsp-test--with-draft (&rest body)
  "Open a copy of the fixture draft with lsp-mode and run BODY in it.
The copy is named `resolution-ls-lsp-test--name' if that is non-nil."
  (declare (indent 0) (debug t))
  `(progn
     (resolution-ls-test-check-binary)
     (let* ((resolution-ls-server-command (list resolution-ls-test-bin "--stdio"))
            (file (resolution-ls-test-copy-draft resolution-ls-lsp-test--name))
            (buffer (find-file file)))
       (unwind-protect
           (with-current-buffer buffer
             (unless resolution-ls-lsp-test--name
               (should (eq major-mode 'resolution-mode)))
             (lsp-workspace-folders-add (file-name-directory file))
             (lsp)
             (resolution-ls-test-wait
              "lsp-mode to connect"
              (lambda () (and (bound-and-true-p lsp-mode) (lsp-workspaces))))
             ,@body)
         (with-current-buffer buffer (set-buffer-modified-p nil))
         (kill-buffer buffer)
         (resolution-ls-test-wait "the server to shut down"
                                  (lambda () (null (lsp--session-workspaces (lsp-session)))))))))

(defun resolution-ls-lsp-test--two-ibid-diagnostics ()
  "Wait for the draft's diagnostics and check they are the two expected."
  (let ((diagnostics (resolution-ls-test-wait "diagnostics"
                                              #'resolution-ls-lsp-test--diagnostics)))
    (should (equal (resolution-ls-lsp-test--codes diagnostics) '("ibid-style")))
    (should (equal (resolution-ls-lsp-test--lines diagnostics) '(71 73)))
    (should (= (resolution-ls-test-roman-ibids) 2))))

(defun resolution-ls-lsp-test--diagnostics-gone ()
  "Wait until the server has cleared the diagnostics; check the text."
  (resolution-ls-test-wait "the diagnostics to go"
                           (lambda () (null (resolution-ls-lsp-test--diagnostics))))
  (should (= (resolution-ls-test-roman-ibids) 0))
  (should (= (resolution-ls-test-count "\\*Ibid\\.\\*") 7)))

(ert-deftest resolution-ls-lsp-test-registered ()
  "Loading lsp-mode after resolution-ls registers the client."
  (should (gethash 'resolution-ls lsp-clients))
  (should (equal (alist-get 'resolution-mode lsp-language-id-configuration) "markdown")))

(ert-deftest resolution-ls-lsp-test-quick-fix ()
  "The ibid-style quick fix applied through lsp-mode clears both diagnostics."
  (resolution-ls-lsp-test--with-draft
    (resolution-ls-lsp-test--two-ibid-diagnostics)
    ;; On the first roman Ibid. (footnote 12): the server offers a
    ;; quick fix where the requested range touches its diagnostic.
    (goto-char (point-min))
    (forward-line 70)
    (search-forward "Ibid.")
    (backward-char 2)
    (let* ((actions (append (lsp-code-actions-at-point) nil))
           (fix (cl-find resolution-ls-test-ibid-fix-title actions
                         :key (lambda (a) (resolution-ls-lsp-test--field a "title"))
                         :test #'equal)))
      (should fix)
      (should (equal (resolution-ls-lsp-test--field fix "kind") "quickfix"))
      (lsp-execute-code-action fix))
    (resolution-ls-lsp-test--diagnostics-gone)))

(ert-deftest resolution-ls-lsp-test-fix-all ()
  "`resolution-ls-fix-all' through lsp-mode clears every diagnostic."
  (resolution-ls-lsp-test--with-draft
    (resolution-ls-lsp-test--two-ibid-diagnostics)
    (goto-char (point-min))
    (resolution-ls-fix-all)
    (resolution-ls-lsp-test--diagnostics-gone)
    ;; Nothing left to fix: a message, no error.
    (resolution-ls-fix-all)))

(ert-deftest resolution-ls-lsp-test-markdown-mode ()
  "With `markdown-mode' in `resolution-ls-major-modes', a plain .md draft is checked.
Detection is off here: the draft stays in `markdown-mode'."
  (let ((resolution-ls-lsp-test--name "ccpcj-21-3.md")
        (resolution-ls-detect-drafts nil))
    (customize-set-variable 'resolution-ls-major-modes '(resolution-mode markdown-mode))
    (unwind-protect
        (resolution-ls-lsp-test--with-draft
          (should (eq major-mode 'markdown-mode))
          (resolution-ls-lsp-test--two-ibid-diagnostics))
      (customize-set-variable 'resolution-ls-major-modes '(resolution-mode)))
    ;; Back to drafts only: a markdown-mode buffer gets no resolution-ls.
    (with-temp-buffer
      (markdown-mode)
      (should-not (funcall (lsp--client-activation-fn (gethash 'resolution-ls lsp-clients))
                           nil 'markdown-mode)))))

(ert-deftest resolution-ls-lsp-test-plain-md-draft ()
  "A draft named draft.md is found by its organ line and checked, with default settings."
  (should (equal resolution-ls-major-modes '(resolution-mode)))
  (let ((resolution-ls-lsp-test--name "draft.md"))
    (resolution-ls-lsp-test--with-draft
      (should (eq major-mode 'resolution-mode))
      (should (equal (mapcar #'lsp--workspace-server-id (lsp-workspaces))
                     '(resolution-ls)))
      (resolution-ls-lsp-test--two-ibid-diagnostics))))

(ert-deftest resolution-ls-lsp-test-notes-left-alone ()
  "A Markdown file that is no draft keeps its mode, and no resolution-ls client matches it."
  (let ((buffer (find-file (resolution-ls-test-write-file
                            "notes.md" resolution-ls-test-notes-text))))
    (unwind-protect
        (with-current-buffer buffer
          (should (eq major-mode 'markdown-mode))
          (should-not (memq 'resolution-ls
                            (mapcar #'lsp--client-server-id
                                    (lsp--filter-clients #'lsp--matching-clients?)))))
      (kill-buffer buffer))))

(ert-deftest resolution-ls-lsp-test-missing-program ()
  "Without the server program, M-x lsp says what to do and changes nothing."
  (let* ((resolution-ls-server-command (list resolution-ls-test-missing-bin "--stdio"))
         (file (resolution-ls-test-copy-draft "draft.md"))
         (buffer (find-file file))
         (expected (resolution-ls-missing-program-message)))
    (unwind-protect
        (with-current-buffer buffer
          (should (eq major-mode 'resolution-mode))
          (ert-with-message-capture messages
            (call-interactively #'lsp)
            ;; The message comes once the command is done, after lsp-mode's own.
            (resolution-ls-test-wait "the message" (lambda () (string-search expected messages)))
            (resolution-ls-test-settle 0.5)
            (should (string-suffix-p (concat expected "\n") messages))
            (should (= 1 (cl-count-if (lambda (line) (equal line expected))
                                      (split-string messages "\n")))))
          (should (eq major-mode 'resolution-mode))
          (should-not (bound-and-true-p lsp-mode))
          (should-not (lsp-workspaces))
          (should-not (lsp--session-workspaces (lsp-session))))
      (with-current-buffer buffer (set-buffer-modified-p nil))
      (kill-buffer buffer))))

(ert-deftest resolution-ls-lsp-test-settings ()
  "`resolution-ls-settings' reach the server at start and when changed."
  (resolution-ls-lsp-test--with-draft
    (resolution-ls-lsp-test--two-ibid-diagnostics)
    ;; Changed: sent in workspace/didChangeConfiguration.
    (unwind-protect
        (progn
          (customize-set-variable 'resolution-ls-settings '(:ibidForm "roman"))
          (should (equal (resolution-ls-test-wait
                          "diagnostics under ibidForm roman"
                          (lambda ()
                            (let ((lines (resolution-ls-lsp-test--lines
                                          (resolution-ls-lsp-test--diagnostics))))
                              (and (equal lines '(27 29 31 61 63)) lines))))
                         '(27 29 31 61 63))))
      (customize-set-variable 'resolution-ls-settings nil)))
  ;; At start: in initializationOptions and in the answer to
  ;; workspace/configuration (a wrong answer would bring back the
  ;; defaults a moment later).
  (let ((resolution-ls-settings '(:ibidForm "roman")))
    (resolution-ls-lsp-test--with-draft
      (resolution-ls-test-wait "diagnostics" #'resolution-ls-lsp-test--diagnostics)
      (resolution-ls-test-settle 1.0)
      (should (equal (resolution-ls-lsp-test--lines (resolution-ls-lsp-test--diagnostics))
                     '(27 29 31 61 63))))))

(provide 'resolution-ls-lsp-mode-test)
;;; resolution-ls-lsp-mode-test.el ends here
