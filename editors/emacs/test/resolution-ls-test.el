;;; resolution-ls-test.el --- Tests of resolution-ls.el without a server  -*- lexical-binding: t; -*-

;;; Commentary:

;; The major mode, the file names it claims, the settings as JSON and
;; the answer to workspace/configuration.  Run:
;;
;;   emacs --batch -L editors/emacs -L editors/emacs/test -l resolution-ls-test \
;;     -f ert-run-tests-batch-and-exit

;;; Code:

(require 'resolution-ls-test-common)
(require 'json)
(require 'resolution-ls)

(defun resolution-ls-test--mode-for (name)
  "The major mode `set-auto-mode' picks for a file called NAME."
  (let ((file (expand-file-name name resolution-ls-test-scratch)))
    (with-temp-buffer
      (setq buffer-file-name file)
      (set-auto-mode)
      (prog1 major-mode (setq buffer-file-name nil)))))

(ert-deftest resolution-ls-test-auto-mode ()
  "Drafts named *.res.md and *.resolution.md open in `resolution-mode'."
  (should (eq (resolution-ls-test--mode-for "a.res.md") 'resolution-mode))
  (should (eq (resolution-ls-test--mode-for "dir/b.resolution.md") 'resolution-mode))
  (should-not (eq (resolution-ls-test--mode-for "notes.md") 'resolution-mode))
  (should-not (eq (resolution-ls-test--mode-for "a.res.md.txt") 'resolution-mode)))

(ert-deftest resolution-ls-test-parent-mode ()
  "`resolution-mode' derives from `markdown-mode' when that is installed."
  (with-temp-buffer
    (resolution-mode)
    (should (eq major-mode 'resolution-mode))
    (if (locate-library "markdown-mode")
        (should (derived-mode-p 'markdown-mode))
      (should (derived-mode-p 'text-mode)))
    (should (equal comment-start "<!-- "))))

(ert-deftest resolution-ls-test-server-command-default ()
  "The server command defaults to resolution-ls --stdio."
  (should (equal (eval (car (get 'resolution-ls-server-command 'standard-value)) t)
                 '("resolution-ls" "--stdio"))))

(ert-deftest resolution-ls-test-command ()
  "The server command, with a leading ~ expanded."
  (let ((resolution-ls-server-command '("resolution-ls" "--stdio")))
    (should (equal (resolution-ls-command) '("resolution-ls" "--stdio"))))
  (let ((resolution-ls-server-command '("~/bin/resolution-ls")))
    (should (equal (resolution-ls-command)
                   (list (expand-file-name "~/bin/resolution-ls"))))))

(defun resolution-ls-test--json (value)
  "VALUE converted by resolution-ls, serialized and read back as alists."
  (let ((resolution-ls-settings value))
    (json-parse-string (json-serialize (resolution-ls-settings-json)
                                       :null-object nil :false-object :json-false)
                       :object-type 'alist :array-type 'list
                       :false-object :false :null-object :null)))

(ert-deftest resolution-ls-test-settings-json ()
  "Settings written as property lists become the JSON the server reads."
  (should (equal (resolution-ls-test--json nil) nil))
  (let ((json (resolution-ls-test--json
               '(:ibidForm "italic"
                 :draftGlobs ("*.res.md" "*.draft.md")
                 :rules (:opener-unknown "off" :footnote-order error)
                 :phrases (:preambular ["Noting with alarm"] :operative nil)
                 :debounceMs 300
                 :paranoid :json-false
                 :language nil))))
    (should (equal (alist-get 'ibidForm json) "italic"))
    (should (equal (alist-get 'draftGlobs json) '("*.res.md" "*.draft.md")))
    (should (equal (alist-get 'opener-unknown (alist-get 'rules json)) "off"))
    (should (equal (alist-get 'footnote-order (alist-get 'rules json)) "error"))
    (should (equal (alist-get 'phrases json) '((preambular "Noting with alarm"))))
    (should (equal (alist-get 'debounceMs json) 300))
    (should (eq (alist-get 'paranoid json) :false))
    (should-not (assq 'language json)))
  ;; Association lists and t work too.
  (let ((json (resolution-ls-test--json '((ibidForm . "roman") (paranoid . t)))))
    (should (equal (alist-get 'ibidForm json) "roman"))
    (should (eq (alist-get 'paranoid json) t))))

(ert-deftest resolution-ls-test-configuration-answer ()
  "The workspace/configuration answer: settings for resolution-ls only."
  (let* ((resolution-ls-settings '(:ibidForm "roman"))
         (answer (resolution-ls--configuration '("resolution-ls" "other"))))
    (should (vectorp answer))
    (should (= (length answer) 2))
    (should (equal (gethash "ibidForm" (aref answer 0)) "roman"))
    (should (null (aref answer 1)))))

(ert-deftest resolution-ls-test-fix-all-needs-a-client ()
  "`resolution-ls-fix-all' says so when no client manages the buffer."
  (with-temp-buffer
    (resolution-mode)
    (should-error (resolution-ls-fix-all) :type 'user-error)))

(provide 'resolution-ls-test)
;;; resolution-ls-test.el ends here
