;;; resolution-ls-eglot-test.el --- resolution-ls.el with Eglot and the real server  -*- lexical-binding: t; -*-

;;; Commentary:

;; Opens a copy of a real draft with Eglot and the resolution-ls binary,
;; sees its two ibid-style diagnostics in Flymake, applies a code action
;; and sees them go.  Run:
;;
;;   emacs --batch -L editors/emacs -L editors/emacs/test \
;;     -l resolution-ls-eglot-test -f ert-run-tests-batch-and-exit

;;; Code:

(require 'resolution-ls-test-common)
;; Eglot first, resolution-ls after: the entry is added at once.
(require 'eglot)
(require 'flymake)
(require 'resolution-ls)

(setq eglot-autoreconnect nil
      eglot-sync-connect 10)

(defun resolution-ls-eglot-test--diagnostics ()
  "Flymake's diagnostics for the current buffer, asking for them first."
  (flymake-start)
  (flymake-diagnostics))

(defun resolution-ls-eglot-test--lines (diagnostics)
  "The lines of DIAGNOSTICS, sorted."
  (sort (mapcar (lambda (d) (line-number-at-pos (flymake-diagnostic-beg d)))
                diagnostics)
        #'<))

(defvar resolution-ls-eglot-test--name nil
  "The name of the draft's copy, when not ccpcj-21-3.res.md.")

(defvar markdown-mode-hook)

(defmacro resolution-ls-eglot-test--with-draft (&rest body)
  "Open a copy of the fixture draft, start Eglot and run BODY in it.
The copy is named `resolution-ls-eglot-test--name' if that is non-nil.
Eglot starts through `eglot-ensure' in `resolution-mode-hook', as a
user would have it; its connection waits for the command loop, which
batch mode lacks, so the test runs `post-command-hook' once."
  (declare (indent 0) (debug t))
  `(progn
     (resolution-ls-test-check-binary)
     (let* ((resolution-ls-server-command (list resolution-ls-test-bin "--stdio"))
            (resolution-mode-hook (list #'eglot-ensure))
            (markdown-mode-hook (list #'eglot-ensure))
            (file (resolution-ls-test-copy-draft
                   resolution-ls-eglot-test--name))
            (buffer (find-file file))
            server)
       (unwind-protect
           (with-current-buffer buffer
             (unless resolution-ls-eglot-test--name
               (should (eq major-mode 'resolution-mode)))
             (run-hooks 'post-command-hook)
             (setq server (resolution-ls-test-wait
                           "Eglot to connect"
                           (lambda () (and (eglot-managed-p) (eglot-current-server)))))
             (should (eq (type-of server) 'resolution-ls-eglot-server))
             ,@body)
         (when server (eglot-shutdown server))
         (with-current-buffer buffer (set-buffer-modified-p nil))
         (kill-buffer buffer)))))

(defun resolution-ls-eglot-test--two-ibid-diagnostics ()
  "Wait for the draft's diagnostics and check they are the two expected."
  (let ((diagnostics (resolution-ls-test-wait
                      "diagnostics" #'resolution-ls-eglot-test--diagnostics)))
    (should (equal (resolution-ls-eglot-test--lines diagnostics) '(71 73)))
    (dolist (d diagnostics)
      (should (string-match-p "“Ibid\\.” in footnote 1[23] should be written \\*Ibid\\.\\*"
                              (flymake-diagnostic-text d))))
    (should (= (resolution-ls-test-roman-ibids) 2))))

(defun resolution-ls-eglot-test--diagnostics-gone ()
  "Wait until the server has cleared the diagnostics; check the text."
  (resolution-ls-test-wait "the diagnostics to go"
                           (lambda () (null (resolution-ls-eglot-test--diagnostics))))
  (should (= (resolution-ls-test-roman-ibids) 0))
  (should (= (resolution-ls-test-count "\\*Ibid\\.\\*") 7)))

(ert-deftest resolution-ls-eglot-test-registered ()
  "Eglot knows resolution-ls for `resolution-mode'."
  (should (eq (alist-get '((resolution-mode :language-id "markdown"))
                         eglot-server-programs nil nil #'equal)
              'resolution-ls-eglot-contact))
  (let ((resolution-ls-server-command (list resolution-ls-test-bin "--stdio")))
    (should (equal (resolution-ls-eglot-contact)
                   (list 'resolution-ls-eglot-server resolution-ls-test-bin "--stdio")))))

(ert-deftest resolution-ls-eglot-test-quick-fix ()
  "The ibid-style quick fix applied through Eglot clears both diagnostics."
  (resolution-ls-eglot-test--with-draft
    (resolution-ls-eglot-test--two-ibid-diagnostics)
    ;; On the first roman Ibid. (footnote 12).
    (goto-char (point-min))
    (forward-line 70)
    (search-forward "Ibid.")
    (backward-char 2)
    (let ((actions (eglot-code-actions (point) (point) "quickfix")))
      (should (equal (mapcar (lambda (a) (plist-get a :title)) actions)
                     (list resolution-ls-test-ibid-fix-title)))
      ;; As M-x eglot-code-actions would: the only action runs at once.
      (eglot-code-actions (point) (point) "quickfix" t))
    (resolution-ls-eglot-test--diagnostics-gone)))

(ert-deftest resolution-ls-eglot-test-fix-all ()
  "`resolution-ls-fix-all' through Eglot clears every diagnostic."
  (resolution-ls-eglot-test--with-draft
    (resolution-ls-eglot-test--two-ibid-diagnostics)
    (resolution-ls-fix-all)
    (resolution-ls-eglot-test--diagnostics-gone)
    ;; Nothing left to fix: a message, no error.
    (resolution-ls-fix-all)))

(ert-deftest resolution-ls-eglot-test-markdown-mode ()
  "With `markdown-mode' in `resolution-ls-major-modes', a plain .md draft is checked.
Detection is off here: the draft stays in `markdown-mode'."
  (let ((eglot-server-programs eglot-server-programs)
        (resolution-ls-detect-drafts nil)
        (resolution-ls-eglot-test--name "ccpcj-21-3.md"))
    (customize-set-variable 'resolution-ls-major-modes '(resolution-mode markdown-mode))
    (unwind-protect
        (progn
          (should (eq (alist-get '((resolution-mode :language-id "markdown")
                                   (markdown-mode :language-id "markdown"))
                                 eglot-server-programs nil nil #'equal)
                      'resolution-ls-eglot-contact))
          (should (= 1 (cl-count 'resolution-ls-eglot-contact eglot-server-programs
                                 :key #'cdr-safe)))
          (resolution-ls-eglot-test--with-draft
            (should (eq major-mode 'markdown-mode))
            (resolution-ls-eglot-test--two-ibid-diagnostics)))
      (customize-set-variable 'resolution-ls-major-modes '(resolution-mode)))))

(defconst resolution-ls-eglot-test--marksman
  '((markdown-mode gfm-mode) . ("marksman" "server"))
  "An entry for another Markdown server, as a user's configuration adds it.")

(ert-deftest resolution-ls-eglot-test-plain-md-draft ()
  "A draft named draft.md is found by its organ line and checked, not given to marksman.
Eglot starts from `markdown-mode-hook' alone, and marksman's entry was
put in front of ours after resolution-ls loaded."
  (should (equal resolution-ls-major-modes '(resolution-mode)))
  (let ((eglot-server-programs (cons resolution-ls-eglot-test--marksman
                                     eglot-server-programs))
        (resolution-ls-eglot-test--name "draft.md"))
    (resolution-ls-eglot-test--with-draft
      (should (eq major-mode 'resolution-mode))
      (resolution-ls-eglot-test--two-ibid-diagnostics))))

(ert-deftest resolution-ls-eglot-test-notes-left-alone ()
  "A Markdown file that is no draft keeps its mode and its own server (marksman)."
  (let* ((eglot-server-programs (cons resolution-ls-eglot-test--marksman
                                      eglot-server-programs))
         (buffer (find-file (resolution-ls-test-write-file
                             "notes.md" resolution-ls-test-notes-text))))
    (unwind-protect
        (with-current-buffer buffer
          (should (eq major-mode 'markdown-mode))
          ;; What M-x eglot would start: marksman, as before.
          (pcase-let ((`(,_modes ,_project ,class ,contact ,_id) (eglot--guess-contact)))
            (should (eq class 'eglot-lsp-server))
            (should (equal contact '("marksman" "server")))))
      (kill-buffer buffer))))

(ert-deftest resolution-ls-eglot-test-missing-program ()
  "Without the server program, Eglot says what to do and changes nothing."
  (let* ((resolution-ls-server-command (list resolution-ls-test-missing-bin "--stdio"))
         (resolution-mode-hook (list #'eglot-ensure))
         (buffer (find-file (resolution-ls-test-copy-draft "draft.md")))
         (expected (resolution-ls-missing-program-message)))
    (unwind-protect
        (with-current-buffer buffer
          (should (eq major-mode 'resolution-mode))
          ;; eglot-ensure: the error ends the command that opened the file.
          (should (equal (should-error (run-hooks 'post-command-hook) :type 'user-error)
                         (list 'user-error expected)))
          ;; M-x eglot: the same.
          (should (equal (should-error (call-interactively #'eglot) :type 'user-error)
                         (list 'user-error expected)))
          (should (eq major-mode 'resolution-mode))
          (should-not (eglot-managed-p))
          (should-not (eglot-current-server))
          (should-not (cl-some (lambda (p) (string-prefix-p "EGLOT" (process-name p)))
                               (process-list))))
      (with-current-buffer buffer (set-buffer-modified-p nil))
      (kill-buffer buffer))))

(ert-deftest resolution-ls-eglot-test-settings ()
  "`resolution-ls-settings' reach the server at start and when changed."
  (resolution-ls-eglot-test--with-draft
    (resolution-ls-eglot-test--two-ibid-diagnostics)
    ;; Changed: sent in workspace/didChangeConfiguration.
    (unwind-protect
        (progn
          (customize-set-variable 'resolution-ls-settings '(:ibidForm "roman"))
          (resolution-ls-test-wait
           "diagnostics under ibidForm roman"
           (lambda ()
             (equal (resolution-ls-eglot-test--lines
                     (resolution-ls-eglot-test--diagnostics))
                    '(27 29 31 61 63)))))
      (customize-set-variable 'resolution-ls-settings nil)))
  ;; At start: in initializationOptions and in the answer to
  ;; workspace/configuration (a wrong answer would bring back the
  ;; defaults a moment later).
  (let ((resolution-ls-settings '(:ibidForm "roman")))
    (resolution-ls-eglot-test--with-draft
      (resolution-ls-test-wait "diagnostics" #'resolution-ls-eglot-test--diagnostics)
      (resolution-ls-test-settle 1.0)
      (should (equal (resolution-ls-eglot-test--lines (resolution-ls-eglot-test--diagnostics))
                     '(27 29 31 61 63))))))

(ert-deftest resolution-ls-eglot-test-workspace-configuration-wins ()
  "A resolution-ls section in `eglot-workspace-configuration' is used first."
  (let ((eglot-workspace-configuration '((:resolution-ls . (:ibidForm "roman"))))
        (resolution-ls-settings '(:ibidForm "italic")))
    (resolution-ls-eglot-test--with-draft
      (resolution-ls-test-wait
       "diagnostics under ibidForm roman"
       (lambda ()
         (equal (resolution-ls-eglot-test--lines
                 (resolution-ls-eglot-test--diagnostics))
                '(27 29 31 61 63)))))))

(provide 'resolution-ls-eglot-test)
;;; resolution-ls-eglot-test.el ends here
