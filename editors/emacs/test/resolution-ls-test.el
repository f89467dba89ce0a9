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

;;; Drafts found by their content

(defun resolution-ls-test--draft-p (text)
  "Whether `resolution-ls-draft-p' finds TEXT a draft."
  (with-temp-buffer
    (insert text)
    (goto-char (point-max))
    (resolution-ls-draft-p)))

(defun resolution-ls-test--visit-mode (name text)
  "The major mode a file called NAME holding TEXT opens in."
  (let ((buffer (find-file-noselect (resolution-ls-test-write-file name text))))
    (prog1 (buffer-local-value 'major-mode buffer)
      (kill-buffer buffer))))

(defconst resolution-ls-test--organ-lines
  '("*The General Assembly*,"
    "*The Commission on Crime Prevention and Criminal Justice,*"
    "*L'Assemblée générale*,"
    "*Le Conseil des droits de l’homme*,"
    "*La Asamblea General*,"
    "*Генеральная Ассамблея*,"
    "*Совет Безопасности*,"
    "*إن الجمعية العامة*،"
    "*大会*，"
    "_The Security Council_,")
  "Organ lines of the six languages, as drafts write them.")

(ert-deftest resolution-ls-test-draft-p-organ-lines ()
  "An organ line in any of the six languages makes a draft."
  (dolist (organ resolution-ls-test--organ-lines)
    (ert-info (organ :prefix "organ line: ")
      (should (resolution-ls-test--draft-p
               (concat "## **Resolution 21/3**\n\n### **Title**\n\n" organ
                       "\n\n*Recalling* its resolutions,\n")))
      ;; The first thing in the file, too.
      (should (resolution-ls-test--draft-p (concat organ "\n\n1. *Decides* to act.\n"))))))

(ert-deftest resolution-ls-test-draft-p-without-comma ()
  "An organ line without its comma counts when an operative paragraph follows."
  (should (resolution-ls-test--draft-p
           "*The General Assembly*\n\n1. *Adopts* the following declaration:\n"))
  (should (resolution-ls-test--draft-p
           "*The General Assembly*\n\n*Adopts* the following declaration:\n"))
  (should-not (resolution-ls-test--draft-p
               "*The General Assembly*\n\nThe Assembly met.\n")))

(ert-deftest resolution-ls-test-draft-p-enable-comment ()
  "The comment <!-- resolution-ls: enable --> makes a draft; one naming rules does not."
  (should (resolution-ls-test--draft-p "# Notes\n\n<!-- resolution-ls: enable -->\n\nText.\n"))
  (should (resolution-ls-test--draft-p "<!--resolution-ls:enable-->\n"))
  (should-not (resolution-ls-test--draft-p
               "# Notes\n\n<!-- resolution-ls: enable ibid-style -->\n\nText.\n")))

(ert-deftest resolution-ls-test-draft-p-not-drafts ()
  "Markdown that is no draft is left alone."
  (should-not (resolution-ls-test--draft-p resolution-ls-test-notes-text))
  (should-not (resolution-ls-test--draft-p ""))
  ;; One Latin word in italics is an opener, not a body.
  (should-not (resolution-ls-test--draft-p "*Recalling*,\n\n1. *Decides*;\n"))
  ;; Bold is not italic.
  (should-not (resolution-ls-test--draft-p "**The General Assembly**,\n"))
  ;; The organ line must come before the first paragraph in italics or numbered.
  (should-not (resolution-ls-test--draft-p
               "*Recalling* its work,\n\n*The General Assembly*,\n"))
  (should-not (resolution-ls-test--draft-p
               "1. First\n\n*The General Assembly*,\n"))
  ;; Nor inside code, nor as part of a longer paragraph.
  (should-not (resolution-ls-test--draft-p "```\n*The General Assembly*,\n```\n"))
  (should-not (resolution-ls-test--draft-p "*The General Assembly*,\nmet today.\n"))
  ;; Only the start of the file is read.
  (should-not (resolution-ls-test--draft-p
               (concat "# Notes\n\n" (make-string resolution-ls-detect-limit ?x)
                       "\n\n*The General Assembly*,\n"))))

(ert-deftest resolution-ls-test-draft-detected-on-visit ()
  "A Markdown file holding a draft opens in `resolution-mode'; others keep their mode."
  (let ((draft (with-temp-buffer
                 (insert-file-contents resolution-ls-test-fixture)
                 (buffer-string))))
    (should (eq (resolution-ls-test--visit-mode "draft.md" draft) 'resolution-mode))
    (should (eq (resolution-ls-test--visit-mode "draft.markdown" draft) 'resolution-mode))
    (should (eq (resolution-ls-test--visit-mode
                 "enabled.md" "# Notes\n\n<!-- resolution-ls: enable -->\n")
                'resolution-mode))
    (should (eq (resolution-ls-test--visit-mode "notes.md" resolution-ls-test-notes-text)
                'markdown-mode))
    ;; Not Markdown by its name: left alone.
    (should-not (eq (resolution-ls-test--visit-mode "draft.txt" draft) 'resolution-mode))
    (should-not (eq (resolution-ls-test--visit-mode "draft.el" draft) 'resolution-mode))
    ;; Detection turned off: only the name counts.
    (let ((resolution-ls-detect-drafts nil))
      (should (eq (resolution-ls-test--visit-mode "draft.md" draft) 'markdown-mode))
      (should (eq (resolution-ls-test--visit-mode "draft.res.md" draft) 'resolution-mode)))))

(ert-deftest resolution-ls-test-missing-program-message ()
  "The message for a missing server names resolution-ls, the setting and what to do."
  (let ((resolution-ls-server-command (list resolution-ls-test-missing-bin "--stdio")))
    (should-not (resolution-ls--program-found-p))
    (should (equal (resolution-ls-missing-program-message)
                   (concat "resolution-ls: cannot find the server program "
                           "`/nonexistent/bin/resolution-ls'.  Install resolution-ls "
                           "(cargo install --path server, in its repository) or set "
                           "`resolution-ls-server-command' to the program's path "
                           "(M-x customize-option RET resolution-ls-server-command)."))))
  (let ((resolution-ls-server-command (list resolution-ls-test-bin)))
    (should (resolution-ls--program-found-p))))

(provide 'resolution-ls-test)
;;; resolution-ls-test.el ends here
